package dev.skillpath.gateway.compose;

import java.util.concurrent.TimeoutException;

import dev.skillpath.gateway.proxy.UpstreamChannel;
import dev.skillpath.gateway.proxy.UpstreamService;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;

/**
 * One GET from the gateway to a service for a composed view (or a health or document check): through
 * the instance's own connection pool, with a deadline for the whole answer, body included. For a composed view, an
 * instance is picked and its circuit breaker asked first and told the outcome (5xx, timeouts and connection errors
 * are failures); a check goes to the instance it checks, unguarded.
 */
public final class UpstreamCall {

    /** The service's answer, whatever its status. */
    public record Answer(int status, Buffer body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** The service could not be asked or did not answer: refused, breaker open, connection lost. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /** The service did not answer within the deadline. */
    public static final class TimedOut extends RuntimeException {
        public TimedOut(String message) {
            super(message, null, false, false);
        }
    }

    private UpstreamCall() {
    }

    /**
     * A GET to the next instance in turn of {@code service} whose breaker lets it through, which is told the outcome;
     * fails with {@link Unavailable} at once when every instance's breaker is open.
     */
    public static Future<Answer> get(Vertx vertx, UpstreamService service, String uri, MultiMap headers, long deadlineMillis) {
        UpstreamService.Choice choice = service.pick(null);
        if (choice == null) {
            return Future.failedFuture(new Unavailable(service.name() + " is failing (circuit open)", null));
        }
        UpstreamChannel channel = choice.channel();
        return get(vertx, channel, uri, headers, deadlineMillis).andThen(result -> {
            if (result.succeeded() && result.result().status() < 500) {
                channel.breaker().onSuccess(choice.permit());
            } else {
                channel.breaker().onFailure(choice.permit());
            }
        });
    }

    /** A GET to one instance, which no breaker guards (a readiness check, a document). */
    public static Future<Answer> get(Vertx vertx, UpstreamChannel channel, String uri, MultiMap headers, long deadlineMillis) {
        Promise<Answer> promise = Promise.promise();
        HttpClientRequest[] sent = new HttpClientRequest[1];
        long timer = vertx.setTimer(deadlineMillis, id -> {
            if (promise.tryFail(new TimedOut(channel.name() + " did not answer within " + deadlineMillis + " ms")) && sent[0] != null) {
                sent[0].reset();
            }
        });
        channel.client().request(channel.options(HttpMethod.GET, uri).setConnectTimeout(Math.min(deadlineMillis, channel.poolTimeoutMillis())))
                .compose(request -> {
                    sent[0] = request;
                    request.headers().addAll(headers);
                    return request.send().compose(response -> response.body().map(body -> new Answer(response.statusCode(), body)));
                })
                .onComplete(result -> {
                    vertx.cancelTimer(timer);
                    if (result.succeeded()) {
                        promise.tryComplete(result.result());
                    } else {
                        promise.tryFail(new Unavailable(channel.name() + " is unavailable", result.cause()));
                    }
                });
        return promise.future();
    }

    public static boolean isTimeout(Throwable t) {
        return t instanceof TimedOut || t instanceof TimeoutException;
    }
}
