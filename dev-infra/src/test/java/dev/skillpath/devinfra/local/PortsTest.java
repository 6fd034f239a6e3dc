package dev.skillpath.devinfra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void aListeningPortIsBusyAndFreeAgainWhenClosed() throws Exception {
        int port;
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            port = taken.getLocalPort();
            assertFalse(Ports.isFree("127.0.0.1", port));
        }
        assertTrue(Ports.isFree("127.0.0.1", port));
    }

    @Test
    void aPortHeldOnTheWildcardAddressIsBusyOnLoopbackToo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertFalse(Ports.isFree("127.0.0.1", taken.getLocalPort()));
        }
    }

    @Test
    void listsOnlyTheBusyOnesInOrder() throws Exception {
        try (ServerSocket a = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             ServerSocket b = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int free;
            try (ServerSocket c = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
                free = c.getLocalPort();
            }
            assertEquals(List.of(b.getLocalPort(), a.getLocalPort()),
                    Ports.busy("127.0.0.1", b.getLocalPort(), free, a.getLocalPort()));
        }
    }

    @Test
    void theAdviceNamesThePortAndWhatToDo() {
        String advice = Ports.advice("127.0.0.1", 9092, "Kafka");
        assertTrue(advice.contains("9092"));
        assertTrue(advice.contains("./skillpath down"));
        assertTrue(advice.contains("ss -ltnp"));
    }
}
