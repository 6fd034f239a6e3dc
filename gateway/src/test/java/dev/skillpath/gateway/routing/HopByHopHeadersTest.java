package dev.skillpath.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HopByHopHeadersTest {

    @ParameterizedTest
    @ValueSource(strings = {"Connection", "connection", "Keep-Alive", "KEEP-ALIVE", "Proxy-Authorization",
            "Proxy-Authenticate", "Proxy-Connection", "proxy-x", "TE", "te", "Trailer", "Transfer-Encoding",
            "transfer-encoding", "Upgrade"})
    void connectionScopedHeadersAreHopByHop(String name) {
        assertTrue(HopByHopHeaders.isHopByHop(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length", "Content-Type", "Host", "X-Request-Id", "traceparent", "Trailers",
            "Tea", "Proxy", "Proxy-", "Upgraded", "Connections", "Authorization", "X-Proxy-Id", ""})
    void endToEndHeadersAreNot(String name) {
        assertFalse(HopByHopHeaders.isHopByHop(name));
    }

    @Test
    void connectionOptionsAreSplitAndTrimmed() {
        List<String> names = new ArrayList<>();
        HopByHopHeaders.forEachConnectionOption(" keep-alive ,X-Private,, \tUpgrade ", names::add);
        assertEquals(List.of("keep-alive", "X-Private", "Upgrade"), names);
        HopByHopHeaders.forEachConnectionOption(null, names::add);
        HopByHopHeaders.forEachConnectionOption("", names::add);
        assertEquals(3, names.size());
    }
}
