package dev.skillpath.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.skillpath.gateway.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Bodies flow through the gateway as they come, never buffered whole: each test holds back the
 * rest of a body until the other side has seen its beginning, which a buffering gateway never allows.
 */
@QuarkusTest
@WithTestResource(StubServices.class)
class StreamingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URL gateway;

    @ConfigProperty(name = "skillpath.gateway.routes.content-service.url")
    String contentService;

    @ConfigProperty(name = "skillpath.gateway.routes.quiz-service.url")
    String quizService;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theRequestBodyReachesTheUpstreamBeforeTheClientHasSentItAll() throws Exception {
        String token = UUID.randomUUID().toString();
        byte[] head = new byte[256 * 1024];
        byte[] tail = new byte[768 * 1024]; // head and tail: the default write limit, 1 MiB
        Arrays.fill(head, (byte) 'h');
        Arrays.fill(tail, (byte) 't');
        AtomicBoolean upstreamSawTheHeadFirst = new AtomicBoolean();
        InputStream body = new HeadThenTail(head, tail, () -> {
            upstreamSawTheHeadFirst.set(waitUntil(() -> receivedByContentService(token) > 0));
        });
        HttpRequest request = HttpRequest.newBuilder(gateway.toURI().resolve("/api/v1/lessons/intro/media"))
                .header("X-Stub-Token", token)
                .header("Authorization", "Bearer " + Tokens.author())
                .timeout(PATIENCE.multipliedBy(2))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(upstreamSawTheHeadFirst.get(), "the upstream got nothing until the whole body had arrived at the gateway");
        assertTrue(response.body().contains("\"bodyLength\":" + (head.length + tail.length)), response.body());
    }

    @Test
    void theResponseBodyReachesTheClientBeforeTheUpstreamHasSentItAll() throws Exception {
        String token = UUID.randomUUID().toString();
        HttpRequest request = HttpRequest.newBuilder(gateway.toURI().resolve("/api/v1/quizzes/q1/export"))
                .header("X-Stub-Stream-Token", token)
                .timeout(PATIENCE.multipliedBy(2))
                .GET()
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        try (InputStream in = response.body()) {
            byte[] first = in.readNBytes(StubServices.FIRST_CHUNK.length());
            assertEquals(StubServices.FIRST_CHUNK, new String(first, StandardCharsets.US_ASCII));
            // Only now may the stub finish; had the gateway buffered, the stub would have given up waiting.
            HttpResponse<String> released = http.send(
                    HttpRequest.newBuilder(URI.create(quizService + "/_stub/release/" + token))
                            .POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, released.statusCode());
            assertEquals("released", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    private long receivedByContentService(String token) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(contentService + "/_stub/received/" + token)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return Long.parseLong(response.body());
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static boolean waitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Serves {@code head}, runs {@code between} once (blocking the sender), then serves {@code tail}. */
    private static final class HeadThenTail extends InputStream {

        private final byte[] head;
        private final byte[] tail;
        private final Runnable between;
        private int position;
        private boolean betweenDone;

        HeadThenTail(byte[] head, byte[] tail, Runnable between) {
            this.head = head;
            this.tail = tail;
            this.between = between;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position < head.length) {
                int n = Math.min(length, head.length - position);
                System.arraycopy(head, position, buffer, offset, n);
                position += n;
                return n;
            }
            if (!betweenDone) {
                betweenDone = true;
                between.run();
            }
            int inTail = position - head.length;
            if (inTail >= tail.length) {
                return -1;
            }
            int n = Math.min(length, tail.length - inTail);
            System.arraycopy(tail, inTail, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
