package dev.skillpath.system.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The contract check itself: it must see every kind of broken promise, and pass kept ones. */
class ContractTest {

    static final String DOCUMENT = """
            {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
             "paths": {
               "/api/v1/things/{id}": {"get": {"responses": {
                   "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                   "404": {"$ref": "#/components/responses/Problem"}}}},
               "/api/v1/things/{id}/parts": {"get": {"responses": {
                   "200": {"description": "ok", "content": {"application/json": {"schema": {"type": "array",
                       "items": {"$ref": "#/components/schemas/Thing"}}}}}}}},
               "/api/v1/things/special": {"delete": {"responses": {"204": {"description": "gone"}}}}},
             "components": {
               "responses": {"Problem": {"description": "a problem", "content": {"application/problem+json": {"schema": {
                   "type": "object", "required": ["type", "status"], "properties": {"type": {"type": "string"},
                   "status": {"type": "integer"}}}}}}},
               "schemas": {"Thing": {"type": "object", "required": ["id"], "properties": {
                   "id": {"type": "string", "format": "uuid"},
                   "doneAt": {"type": ["string", "null"], "format": "date-time"},
                   "count": {"type": "integer"}}}}}}
            """;

    final Contract contract = new Contract(Http.JSON.readTree(DOCUMENT));

    ContractTest() throws Exception {
    }

    static Http.Answer answer(int status, String type, String body) {
        return new Http.Answer(status, type, body, 0);
    }

    @Test
    void aKeptPromisePasses() {
        assertEquals(List.of(), contract.violations("GET", "/api/v1/things/1?x=y", answer(200, "application/json;charset=UTF-8",
                "{\"id\": \"8d3c2bd8-9a55-4a0b-9d51-0b4d8f1cf7a1\", \"doneAt\": null, \"count\": 3}")));
        assertEquals(List.of(), contract.violations("GET", "/api/v1/things/1", answer(404, "application/problem+json",
                "{\"type\": \"https://x/not-found\", \"status\": 404}")));
        assertEquals(List.of(), contract.violations("GET", "/api/v1/things/1/parts", answer(200, "application/json", "[]")));
        assertEquals(List.of(), contract.violations("DELETE", "/api/v1/things/special", answer(204, null, "")));
    }

    @Test
    void aNullWhereTheDocumentSaysIntegerIsCaught() {
        List<String> found = contract.violations("GET", "/api/v1/things/1", answer(200, "application/json",
                "{\"id\": \"8d3c2bd8-9a55-4a0b-9d51-0b4d8f1cf7a1\", \"count\": null}"));
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).contains("count"), found.toString());
    }

    @Test
    void aMissingRequiredPropertyABadFormatAndAnItemOfAnArrayAreCaught() {
        assertEquals(1, contract.violations("GET", "/api/v1/things/1", answer(200, "application/json", "{}")).size());
        assertEquals(1, contract.violations("GET", "/api/v1/things/1", answer(200, "application/json",
                "{\"id\": \"not-a-uuid\"}")).size(), "formats are asserted");
        assertEquals(1, contract.violations("GET", "/api/v1/things/1/parts", answer(200, "application/json",
                "[{\"id\": \"8d3c2bd8-9a55-4a0b-9d51-0b4d8f1cf7a1\"}, {\"count\": 1}]")).size());
    }

    @Test
    void anUndocumentedStatusContentTypeOperationOrBodyIsCaught() {
        assertTrue(contract.violations("GET", "/api/v1/things/1", answer(500, "application/problem+json", "{}")).get(0)
                .contains("status not documented"));
        assertTrue(contract.violations("GET", "/api/v1/things/1", answer(200, "text/html", "<p>")).get(0)
                .contains("content type"));
        assertTrue(contract.violations("POST", "/api/v1/things/1", answer(200, "application/json", "{}")).get(0)
                .contains("no such operation"));
        assertTrue(contract.violations("DELETE", "/api/v1/things/special", answer(204, "application/json", "{}")).get(0)
                .contains("promises none"));
        assertTrue(contract.violations("GET", "/api/v1/things/1", answer(404, "application/problem+json", "{\"type\": 1}"))
                .size() >= 1, "a problem body is checked against the problem schema");
    }

    @Test
    void theMostLiteralTemplateWins() {
        assertEquals("DELETE /api/v1/things/special", contract.operation("DELETE", "/api/v1/things/special").get().key());
        assertEquals("GET /api/v1/things/{id}/parts", contract.operation("GET", "/api/v1/things/x/parts").get().key());
        assertTrue(contract.operation("GET", "/api/v1/things/x/parts/y").isEmpty());
    }
}
