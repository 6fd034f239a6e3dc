package dev.skillpath.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class UuidsTest {

    @Test
    void theCanonicalFormIsAnIdInEitherCase() {
        UUID id = UUID.fromString("0b4dba43-a4a7-42d3-9917-3bfca6dce60c");
        assertEquals(Optional.of(id), Uuids.parse("0b4dba43-a4a7-42d3-9917-3bfca6dce60c"));
        assertEquals(Optional.of(id), Uuids.parse("0B4DBA43-A4A7-42D3-9917-3BFCA6DCE60C"));
    }

    @Test
    void whatUuidFromStringWouldStretchIntoAnIdIsNot() {
        // UUID.fromString reads each of these as an id; they are slugs or garbage here
        for (String loose : new String[] { "bead-face-1-2-3", "1-2-3-4-5", "a-b-c-d-e" }) {
            UUID.fromString(loose); // the lenient reading this class exists to avoid
            assertEquals(Optional.empty(), Uuids.parse(loose), loose);
        }
    }

    @Test
    void anythingElseIsNotAnId() {
        for (String raw : new String[] { null, "", "binary-search", "0b4dba43-a4a7-42d3-9917-3bfca6dce60", // 35
                "0b4dba43-a4a7-42d3-9917-3bfca6dce60cc", "0b4dba43a4a7-42d3-9917-3bfca6dce60c-", // dash moved
                "0b4dba43-a4a7-42d3-9917-3bfca6dce6g0", "+b4dba43-a4a7-42d3-9917-3bfca6dce60c",
                "0b4dba43-a4a7-42d3-9917-3bfca6dce6\u0660c" }) { // an Arabic-Indic digit
            assertEquals(Optional.empty(), Uuids.parse(raw), String.valueOf(raw));
        }
    }

    @Test
    void aPathIdThatIsNotOneIsA404ProblemNamingIt() {
        ProblemException e = assertThrows(ProblemException.class, () -> Uuids.pathId("1-2-3-4-5", "attempt"));
        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains("attempt 1-2-3-4-5"), e.getMessage());
        assertEquals(UUID.fromString("0b4dba43-a4a7-42d3-9917-3bfca6dce60c"),
                Uuids.pathId("0b4dba43-a4a7-42d3-9917-3bfca6dce60c", "attempt"));
    }
}
