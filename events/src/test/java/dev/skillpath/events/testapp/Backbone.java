package dev.skillpath.events.testapp;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.CloudEventCodec;
import dev.skillpath.events.MalformedEventException;
import io.restassured.http.ContentType;

/** What the event backbone's tests do over and over: write notes, read the topic, query the database, wait. */
public final class Backbone {

    /** The longest a test waits for something the backbone does in the background. */
    public static final Duration WAIT = Duration.ofSeconds(60);

    private Backbone() {
    }

    /** Writes a note through the test application and returns the id of its event. */
    public static String postNote(String author, String body, boolean fail, int status) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("author", author, "body", body, "fail", fail))
                .when().post("/notes")
                .then().statusCode(status)
                .extract().path("eventId");
    }

    /** A note event as another producer would send it. */
    public static CloudEvent noteEvent(String key, String body) {
        UUID noteId = UUID.randomUUID();
        return new CloudEvent(UUID.randomUUID(), "/events-test-producer", NoteCreated.TYPE.type(), noteId.toString(),
                OffsetDateTime.now(ZoneOffset.UTC), "application/json",
                CloudEventCodec.toTree(new NoteCreated(noteId, key, body)));
    }

    public static long count(List<ConsumerRecord<String, byte[]>> records, String eventId) {
        return records.stream().filter(r -> eventId.equals(eventId(r))).count();
    }

    /** The CloudEvent id of a record, or "" when it is not a CloudEvent. */
    public static String eventId(ConsumerRecord<String, byte[]> record) {
        try {
            return CloudEventCodec.parse(record.value()).id().toString();
        } catch (MalformedEventException e) {
            return "";
        }
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    public static void execute(DataSource dataSource, String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeUpdate();
        }
    }

    public static long scalar(DataSource dataSource, String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A condition that may need a query to check. */
    public interface Check {
        boolean holds() throws Exception;
    }

    /** Whether the check holds within {@link #WAIT}, looking every 50 ms. */
    public static boolean waitFor(Check check) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return true;
            }
            Thread.sleep(50);
        }
        return check.holds();
    }
}
