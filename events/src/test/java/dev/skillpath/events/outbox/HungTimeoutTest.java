package dev.skillpath.events.outbox;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class HungTimeoutTest {

    @Test
    void aHungTimeoutShorterThanABatchsWaitForTheBrokerIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OutboxRelay.requireHungTimeout(Duration.ofSeconds(19)));
        assertTrue(e.getMessage().contains("at least 20 s"), e.getMessage());
        assertDoesNotThrow(() -> OutboxRelay.requireHungTimeout(Duration.ofSeconds(20)));
        assertDoesNotThrow(() -> OutboxRelay.requireHungTimeout(Duration.ofSeconds(60)));
    }
}
