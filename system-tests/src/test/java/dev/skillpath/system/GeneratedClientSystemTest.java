package dev.skillpath.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.skillpath.system.support.ApiSnapshot;
import dev.skillpath.system.support.Http;

/**
 * The merged OpenAPI document as a consumer uses it (issue #13): {@code docs/openapi.json} is what the running
 * gateway serves at {@code /openapi}.
 */
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GeneratedClientSystemTest extends SystemTestBase {

    @Test
    @Order(1)
    void theCommittedDocumentIsTheLiveOne() {
        Http.Answer served = gateway.get("/openapi", null);
        assertEquals(200, served.status(), served.abbreviated());
        JsonNode live = served.json();
        assertEquals(0, live.path("info").path("x-degraded").size(), "every service's document is merged: " + live.path("info"));
        // a generated client names its methods after the operation ids: each operation has one, and no two the same
        Map<String, List<String>> ids = new TreeMap<>();
        live.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (op.getValue().isObject() && !op.getKey().equals("parameters")) {
                ids.computeIfAbsent(op.getValue().path("operationId").asText(""), k -> new ArrayList<>())
                        .add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        assertEquals(List.of(), ids.getOrDefault("", List.of()), "operations without an operationId");
        assertEquals(Map.of(), ids.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "operation ids used twice");
        Path snapshot = ApiSnapshot.file();
        if (Boolean.getBoolean("skillpath.openapi.write")) {
            ApiSnapshot.write(snapshot, live);
            System.out.println("[openapi] written the live document into " + snapshot);
            return;
        }
        List<String> differences = ApiSnapshot.differences(ApiSnapshot.read(snapshot), live, 25);
        if (!differences.isEmpty()) {
            Path written = Path.of(System.getProperty("skillpath.system.target", "target")).resolve("openapi-live.json");
            ApiSnapshot.write(written, live);
            fail(ApiSnapshot.FILE + " is not the document the system serves; it differs at\n  "
                    + String.join("\n  ", differences) + "\nThe live document is in " + written.toAbsolutePath()
                    + ": copy it over " + ApiSnapshot.FILE + ", or run this test with -Dskillpath.openapi.write=true"
                    + " (docs/api.md, \"A generated client\"), and review the change.");
        }
    }
}
