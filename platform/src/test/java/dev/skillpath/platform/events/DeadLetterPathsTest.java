package dev.skillpath.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DeadLetterPathsTest {

    @Test
    void aServiceNameBecomesPartOfAnOperationId() {
        assertEquals("SkillsService", DeadLetterPaths.camelCase("skills-service"));
        assertEquals("QuizService2", DeadLetterPaths.camelCase("quiz_service.2"));
        assertEquals("Gateway", DeadLetterPaths.camelCase("gateway"));
    }
}
