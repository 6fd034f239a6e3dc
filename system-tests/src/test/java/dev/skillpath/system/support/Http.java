package dev.skillpath.system.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A small HTTP client over the JDK's for the tests that send many requests (the matrix, bad input, load during
 * faults): raw bodies and headers exactly as given, the answer's status, content type and body, and the time it took.
 */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    private final String base;
    private final List<Recording> recordings = new CopyOnWriteArrayList<>();

    public Http(String base) {
        this.base = base;
    }

    /** One request and its answer, as a {@link Recording} keeps it. */
    public record Exchange(String method, String path, Answer answer) {
    }

    /** Every exchange of this client from {@link #recording()} until {@link #close()}, from any thread. */
    public final class Recording implements AutoCloseable {

        private final List<Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());

        private Recording() {
        }

        public List<Exchange> exchanges() {
            synchronized (exchanges) {
                return List.copyOf(exchanges);
            }
        }

        @Override
        public void close() {
            recordings.remove(this);
        }
    }

    /** Starts keeping this client's exchanges (for a contract check of real answers). */
    public Recording recording() {
        Recording r = new Recording();
        recordings.add(r);
        return r;
    }

    private Answer recorded(String method, String path, Answer answer) {
        for (Recording r : recordings) {
            r.exchanges.add(new Exchange(method, path, answer));
        }
        return answer;
    }

    public record Answer(int status, String contentType, String body, long millis) {

        public boolean isProblem() {
            return contentType != null && contentType.toLowerCase().startsWith("application/problem+json");
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + " " + contentType + "): " + abbreviated(), e);
            }
        }

        public String abbreviated() {
            return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
        }
    }

    public Answer get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    public Answer delete(String path, String token) {
        return send("DELETE", path, token, null, null);
    }

    public Answer post(String path, String token, Object json) {
        return send("POST", path, token, "application/json", json == null ? null : toJson(json));
    }

    public Answer put(String path, String token, Object json) {
        return send("PUT", path, token, "application/json", json == null ? null : toJson(json));
    }

    public Answer send(String method, String path, String token, String contentType, String body) {
        return send(method, path, token, contentType,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** One request; a connection failure is status -1 (never an exception), with the failure as its body. */
    public Answer send(String method, String path, String token, String contentType, byte[] body,
            Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (headers.keySet().stream().noneMatch("Accept"::equalsIgnoreCase)) {
            b.header("Accept", "application/json, application/problem+json");
        }
        headers.forEach(b::header);
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return recorded(method, path, new Answer(r.statusCode(), r.headers().firstValue("content-type").orElse(null),
                    r.body(), Duration.ofNanos(System.nanoTime() - t0).toMillis()));
        } catch (IOException e) {
            return new Answer(-1, null, e.toString(), Duration.ofNanos(System.nanoTime() - t0).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public static String toJson(Object value) {
        if (value instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
