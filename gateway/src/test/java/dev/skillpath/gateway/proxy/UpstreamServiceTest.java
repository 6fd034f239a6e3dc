package dev.skillpath.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillpath.gateway.resilience.CircuitBreaker;
import dev.skillpath.gateway.routing.Upstream;

/** Round robin over the instances that are ready and whose breaker lets a call through. */
class UpstreamServiceTest {

    private static final CircuitBreaker.Settings BREAKER = new CircuitBreaker.Settings(4, 2, 0.5, Duration.ofMinutes(1));

    private static UpstreamChannel instance(int port) {
        // pick never touches the client: no connection is made here
        return new UpstreamChannel(new Upstream("quiz-service", "127.0.0.1", port, false), null, new CircuitBreaker(BREAKER),
                1000, 1000, 2000);
    }

    private static Map<Integer, Integer> served(UpstreamService service, int requests) {
        Map<Integer, Integer> served = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            UpstreamService.Choice choice = service.pick(null);
            assertNotNull(choice, "request " + i + " found no instance");
            choice.channel().breaker().onSuccess(choice.permit());
            served.merge(choice.channel().upstream().port(), 1, Integer::sum);
        }
        return served;
    }

    private static void open(UpstreamChannel channel) {
        for (int i = 0; i < 2; i++) {
            channel.breaker().onFailure(channel.breaker().acquire());
        }
        assertEquals(CircuitBreaker.State.OPEN, channel.breaker().state());
    }

    @Test
    void requestsTakeTheInstancesInTurn() {
        UpstreamService service = new UpstreamService("quiz-service", List.of(instance(1), instance(2), instance(3)));
        assertEquals(Map.of(1, 10, 2, 10, 3, 10), served(service, 30));
    }

    @Test
    void anInstanceThatIsNotReadyIsPassedOverAndTheOthersShareEvenly() {
        UpstreamChannel down = instance(2);
        UpstreamService service = new UpstreamService("quiz-service", List.of(instance(1), down, instance(3)));
        down.markReady(false);
        assertEquals(Map.of(1, 15, 3, 15), served(service, 30));
        down.markReady(true);
        assertEquals(Map.of(1, 10, 2, 10, 3, 10), served(service, 30));
    }

    @Test
    void anInstanceWhoseBreakerIsOpenIsPassedOver() {
        UpstreamChannel failing = instance(1);
        UpstreamService service = new UpstreamService("quiz-service", List.of(failing, instance(2)));
        open(failing);
        assertEquals(Map.of(2, 20), served(service, 20));
    }

    @Test
    void whenNoInstanceIsReadyTheBreakersDecide() {
        UpstreamChannel a = instance(1);
        UpstreamChannel b = instance(2);
        UpstreamService service = new UpstreamService("quiz-service", List.of(a, b));
        a.markReady(false);
        b.markReady(false);
        assertEquals(Map.of(1, 5, 2, 5), served(service, 10));
        open(a);
        assertEquals(Map.of(2, 10), served(service, 10));
    }

    @Test
    void aRetryAvoidsTheInstanceItFailedOnUnlessItIsTheOnlyOne() {
        UpstreamChannel a = instance(1);
        UpstreamChannel b = instance(2);
        UpstreamService two = new UpstreamService("quiz-service", List.of(a, b));
        for (int i = 0; i < 5; i++) {
            assertSame(b, two.pick(a).channel());
            assertSame(a, two.pick(b).channel());
        }
        open(b);
        assertNull(two.pick(a), "b's breaker is open and a just failed: nobody is left");

        UpstreamChannel only = instance(3);
        UpstreamService one = new UpstreamService("quiz-service", List.of(only));
        assertSame(only, one.pick(only).channel());
    }

    @Test
    void noInstanceWhenEveryBreakerIsOpen() {
        UpstreamChannel a = instance(1);
        UpstreamChannel b = instance(2);
        UpstreamService service = new UpstreamService("quiz-service", List.of(a, b));
        open(a);
        open(b);
        assertNull(service.pick(null));
        assertEquals(60, service.retryAfterSeconds());
    }

    @Test
    void anInstanceListedTwiceIsAMistake() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Upstreams.instances("quiz-service",
                List.of("http://127.0.0.1:8083", "http://127.0.0.1:8083/")));
        assertEquals(2, Upstreams.instances("quiz-service", List.of("http://127.0.0.1:8083", " http://127.0.0.1:8183 ")).size());
    }
}
