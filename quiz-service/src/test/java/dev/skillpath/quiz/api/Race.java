package dev.skillpath.quiz.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.skillpath.devinfra.testing.Races;

/**
 * Requests sent at the same moment ({@link Races}) over a plain HTTP client, shared by the threads (safe for that).
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

    /** Sends every call at once ({@link Races#together}) and answers in the order of the calls. */
    static List<Answer> run(List<Call> calls) {
        return Races.together(calls.stream().map(call -> (java.util.concurrent.Callable<Answer>) () -> {
            HttpResponse<String> r = HTTP.send(call.request(), HttpResponse.BodyHandlers.ofString());
            return new Answer(call.what(), r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        }).toList());
    }
}
