package dev.skillpath.system.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class ApiSnapshotTest {

    static JsonNode json(String text) throws Exception {
        return Http.JSON.readTree(text);
    }

    @Test
    void theOrderOfKeysDoesNotCountTheRestDoes() throws Exception {
        JsonNode snapshot = json("{\"openapi\":\"3.1.0\",\"paths\":{\"/api/v1/skills\":{\"get\":{\"tags\":[\"a\",\"b\"]}}}}");
        assertEquals(List.of(), ApiSnapshot.differences(snapshot,
                json("{\"paths\":{\"/api/v1/skills\":{\"get\":{\"tags\":[\"a\",\"b\"]}}},\"openapi\":\"3.1.0\"}"), 10));
        assertEquals(List.of("/openapi (only in the snapshot)", "/paths/~1api~1v1~1skills/get/tags/1 (snapshot \"b\", live \"c\")",
                "/paths/~1api~1v1~1skills/post (only in the live document)"),
                ApiSnapshot.differences(snapshot,
                        json("{\"paths\":{\"/api/v1/skills\":{\"get\":{\"tags\":[\"a\",\"c\"]},\"post\":{}}}}"), 10));
        assertEquals(List.of("/paths/~1api~1v1~1skills/get/tags (2 items in the snapshot, 1 live)"),
                ApiSnapshot.differences(snapshot,
                        json("{\"openapi\":\"3.1.0\",\"paths\":{\"/api/v1/skills\":{\"get\":{\"tags\":[\"a\"]}}}}"), 1));
    }

    @Test
    void theSnapshotIsPrettyAndReadsBackTheSame() throws Exception {
        JsonNode document = json("{\"openapi\":\"3.1.0\",\"tags\":[{\"name\":\"Skills\"}],\"x\":[],\"paths\":{}}");
        String text = ApiSnapshot.text(document);
        assertEquals("{\n  \"openapi\": \"3.1.0\",\n  \"tags\": [\n    {\n      \"name\": \"Skills\"\n    }\n  ],\n"
                + "  \"x\": [],\n  \"paths\": {}\n}\n", text);
        assertEquals(document, json(text));
    }
}
