package dev.skillpath.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class CloudEventCodecTest {

    private static final String TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void roundTripsEveryAttributeIncludingTraceContext() {
        CloudEvent event = new CloudEvent(UUID.randomUUID(), "/skills-service", "dev.skillpath.skill.mastered.v1",
                "learner-1", OffsetDateTime.of(2026, 11, 24, 20, 0, 0, 0, ZoneOffset.UTC), "application/json",
                CloudEventCodec.toTree(Map.of("probability", 0.96)), TRACE);
        CloudEvent back = CloudEventCodec.parse(CloudEventCodec.toBytes(event));
        assertEquals(event, back);
        assertEquals("1.0", back.specversion());
    }

    @Test
    void aBrokenTraceparentIsDroppedNotFatal() {
        String json = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/x\",\"type\":\"t.v1\","
                + "\"time\":\"2026-11-24T20:00:00Z\",\"traceparent\":\"garbage\",\"data\":{}}";
        assertNull(CloudEventCodec.parse(json.getBytes(StandardCharsets.UTF_8)).traceparent());
    }

    @Test
    void refusesWhatIsNotACloudEvent() {
        for (String bad : new String[] { "", "[]", "{not json", "{\"specversion\":\"0.3\"}",
                "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/x\",\"type\":\"t\",\"time\":\"2026-11-24T20:00:00Z\",\"data\":{}}",
                "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/x\",\"type\":\"t\",\"time\":\"yesterday\",\"data\":{}}",
                "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"t\",\"time\":\"2026-11-24T20:00:00Z\",\"data\":{}}",
                "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/x\",\"type\":\"t\",\"time\":\"2026-11-24T20:00:00Z\"}" }) {
            assertThrows(MalformedEventException.class, () -> CloudEventCodec.parse(bad.getBytes(StandardCharsets.UTF_8)), bad);
        }
    }
}
