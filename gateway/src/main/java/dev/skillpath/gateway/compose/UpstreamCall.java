package dev.skillpath.gateway.compose;

import java.util.concurrent.TimeoutException;

import dev.skillpath.gateway.proxy.UpstreamChannel;
import dev.skillpath.gateway.resilience.CircuitBreaker;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;

/**
 * One GET from the gateway to a service for a composed view (or a health or document check): through
 * the service's own connection pool, with a deadline for the whole answer, body included. When
 * {@code guarded}, the service's circuit breaker is asked first and told the outcome (5xx, timeouts and
 * connection errors are failures).
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

    public static Future<Answer> get(Vertx vertx, UpstreamChannel channel, String uri, MultiMap headers,
            long deadlineMillis, boolean guarded) {
        long permit = guarded ? channel.breaker().acquire() : CircuitBreaker.DENIED;
        if (guarded && permit == CircuitBreaker.DENIED) {
            return Future.failedFuture(new Unavailable(channel.name() + " is failing (circuit open)", null));
        }
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
        Future<Answer> answer = promise.future();
        if (guarded) {
            answer.onComplete(result -> {
                if (result.succeeded() && result.result().status() < 500) {
                    channel.breaker().onSuccess(permit);
                } else {
                    channel.breaker().onFailure(permit);
                }
            });
        }
        return answer;
    }

    public static boolean isTimeout(Throwable t) {
        return t instanceof TimedOut || t instanceof TimeoutException;
    }
}
