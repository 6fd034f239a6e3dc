package dev.skillpath.quiz.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Requests sent at the same moment: one thread each, released together by a barrier, over a plain HTTP client
 * (shared by the threads, safe for that), so the service really serves them side by side.
 */
final class Race {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Race() {
    }

    record Answer(String what, int status, String contentType, String body) {
        boolean serverError() {
            return status >= 500;
        }

        @Override
        public String toString() {
            return what + " → " + status + " " + body;
        }
    }

    record Call(String what, HttpRequest request) {
        static Call of(URI base, String method, String path, String token, String json) {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json");
            if (json != null) {
                b.header("Content-Type", "application/json");
            }
            b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            return new Call(method + " " + path, b.build());
        }
    }

    /** Sends every call at once and answers in the order of the calls. */
    static List<Answer> run(List<Call> calls) {
        CyclicBarrier barrier = new CyclicBarrier(calls.size());
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (Call call : calls) {
                futures.add(pool.submit(() -> {
                    barrier.await(30, TimeUnit.SECONDS);
                    HttpResponse<String> r = HTTP.send(call.request(), HttpResponse.BodyHandlers.ofString());
                    return new Answer(call.what(), r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                            r.body());
                }));
            }
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> f : futures) {
                answers.add(f.get(90, TimeUnit.SECONDS));
            }
            return answers;
        } catch (Exception e) {
            throw new IllegalStateException("a racing request did not complete", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
