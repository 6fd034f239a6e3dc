package dev.skillpath.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void generatedIdsAreDistinctVersion4Uuids() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.generate();
            UUID uuid = UUID.fromString(id);
            assertEquals(4, uuid.version(), id);
            assertEquals(2, uuid.variant(), id);
            assertTrue(seen.add(id), "repeated " + id);
        }
    }

    @Test
    void aSaneIdIsKept() {
        assertEquals("abc-123", RequestIds.keepOrGenerate("abc-123"));
        String longest = "x".repeat(RequestIds.MAX_LENGTH);
        assertEquals(longest, RequestIds.keepOrGenerate(longest));
    }

    @Test
    void anUnusableIdIsReplaced() {
        for (String bad : new String[] {null, "", "x".repeat(RequestIds.MAX_LENGTH + 1), "has space", "tab\there", "n\u00e9"}) {
            assertFalse(RequestIds.isAcceptable(bad), String.valueOf(bad));
            String replaced = RequestIds.keepOrGenerate(bad);
            assertNotEquals(bad, replaced);
            assertEquals(4, UUID.fromString(replaced).version());
        }
    }
}
