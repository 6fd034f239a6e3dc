package dev.skillpath.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.skillpath.gateway.auth.AccessRules.Access;
import io.vertx.core.http.HttpMethod;

class AccessRulesTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "GET, /api/v1/skills, PUBLIC",
            "GET, /api/v1/skills/java/path, PUBLIC",
            "GET, /api/v1/skill-categories, PUBLIC",
            "GET, /api/v1/lessons/intro, PUBLIC",
            "GET, /api/v1/search, PUBLIC",
            "GET, /api/v1/quizzes/q1, PUBLIC",
            "HEAD, /api/v1/lessons, PUBLIC",
            "POST, /api/v1/auth/token, PUBLIC",
            "GET, /api/v1/auth/demo-users, PUBLIC",
            "GET, /api/v1/learners/me/mastery, SIGNED_IN",
            "PUT, /api/v1/learners/me/skills/java/status, SIGNED_IN",
            "GET, /api/v1/learners/me, SIGNED_IN",
            "GET, /api/v1/me/dashboard, SIGNED_IN",
            "GET, /api/v1/me/path/java, SIGNED_IN",
            "GET, /api/v1/attempts/a1, SIGNED_IN",
            "PUT, /api/v1/attempts/a1/answers/q1, SIGNED_IN",
            "POST, /api/v1/attempts/a1/submit, SIGNED_IN",
            "POST, /api/v1/practice-sessions, SIGNED_IN",
            "GET, /api/v1/practice-sessions/p1/next, SIGNED_IN",
            "POST, /api/v1/practice-sessions/p1/answers, SIGNED_IN",
            "GET, /api/v1/practice-sessions-x, PUBLIC",
            "GET, /api/v1/xapi/statements, SIGNED_IN",
            "HEAD, /api/v1/xapi/statements, SIGNED_IN",
            "GET, /api/v1/xapi/statements/, SIGNED_IN",
            "GET, /api/v1/xapi, SIGNED_IN",
            "POST, /api/v1/xapi/statements, SIGNED_IN",
            "GET, /api/v1/xapix, PUBLIC",
            "POST, /api/v1/quizzes/q1/attempts, SIGNED_IN",
            "POST, /api/v1/quizzes/q1/attempts/, SIGNED_IN",
            "POST, /api/v1/lessons/intro/completions, SIGNED_IN",
            "POST, /api/v1/quizzes, AUTHOR",
            "POST, /api/v1/quizzes/q1/x/attempts, AUTHOR",
            "POST, /api/v1/quizzes//attempts, AUTHOR",
            "PUT, /api/v1/quizzes/q1/attempts, AUTHOR",
            "POST, /api/v1/lessons, AUTHOR",
            "POST, /api/v1/lessons/intro/publish, AUTHOR",
            "PUT, /api/v1/skills/java, AUTHOR",
            "DELETE, /api/v1/skills/java, AUTHOR",
            "PATCH, /api/v1/questions/q1, AUTHOR",
            "GET, /api/v1/learnersx/me, PUBLIC",
            "POST, /api/v1/mex, AUTHOR",
    })
    void rules(String method, String path, Access expected) {
        assertEquals(expected, AccessRules.of(HttpMethod.valueOf(method), path));
    }
}
