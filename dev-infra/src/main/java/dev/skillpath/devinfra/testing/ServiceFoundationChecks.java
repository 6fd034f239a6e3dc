package dev.skillpath.devinfra.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

/**
 * The conventions every Skillpath service keeps, checked against the running application with its real
 * database and broker. A service's test extends this class and adds {@code @QuarkusTest} and the test
 * resources; the service-specific part is {@link #serviceName()}.
 */
public abstract class ServiceFoundationChecks {

    /** The application name, e.g. {@code skills-service}. */
    protected abstract String serviceName();

    @Test
    void isReadyWithItsDatabaseAndTheBrokerChecked() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka connection health check",
                        "Event consumers"));
    }

    @Test
    void refusesATokenForAnotherAudienceOrForNone() {
        String path = "/api/v1/admin/dead-letters/" + serviceName();
        given().auth().oauth2(TestTokens.admin()).when().get(path).then().statusCode(200);
        for (String token : new String[] {TestTokens.forAudience("admin-elsewhere", "billing"),
                TestTokens.withoutAudience("admin-nowhere")}) {
            given().auth().oauth2(token).when().get(path)
                    .then().statusCode(401).contentType("application/problem+json");
        }
    }

    @Test
    void listsItsDeadLettersToAdminsOnlyUnderItsOwnName() {
        String path = "/api/v1/admin/dead-letters/" + serviceName();
        given().auth().oauth2(TestTokens.admin()).when().get(path)
                .then().statusCode(200)
                .body("service", equalTo(serviceName()))
                .body("groups.group[0]", startsWith(serviceName() + "."));
        given().auth().oauth2(TestTokens.learner("learner-" + java.util.UUID.randomUUID())).when().get(path)
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.author()).when().post(path + "/" + serviceName() + ".any/replay")
                .then().statusCode(403);
        given().when().get(path).then().statusCode(401);
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/admin/dead-letters/another-service")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin()).when().post(path + "/no-such-group/replay")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("no consumer group no-such-group"));
    }

    @Test
    void replaysAConsumerGroupsDeadLettersAndSaysWhatItDid() {
        String path = "/api/v1/admin/dead-letters/" + serviceName();
        String group = given().auth().oauth2(TestTokens.admin()).when().get(path)
                .then().statusCode(200).extract().path("groups.group[0]");
        given().auth().oauth2(TestTokens.admin()).when().post(path + "/" + group + "/replay")
                .then().statusCode(200)
                .body("service", equalTo(serviceName()))
                .body("group", equalTo(group))
                .body("failed", equalTo(0))
                .body("deadLetters", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void documentsTheDeadLetterPathsUnderItsOwnName() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("paths.'/api/v1/admin/dead-letters/" + serviceName() + "'.get.summary", containsString("dead letters"))
                .body("paths.'/api/v1/admin/dead-letters/" + serviceName() + "/{group}/replay'.post.parameters.name",
                        hasItems("group"))
                .body("paths.'/api/v1/admin/dead-letters/{service}'", org.hamcrest.Matchers.nullValue());
    }

    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    @Test
    void itsDatabaseWaitsAreBounded() throws Exception {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
            org.junit.jupiter.api.Assertions.assertEquals("5s", show(st, "statement_timeout"));
            org.junit.jupiter.api.Assertions.assertEquals("3s", show(st, "lock_timeout"));
            org.junit.jupiter.api.Assertions.assertEquals("5min", show(st, "idle_in_transaction_session_timeout"));
        }
    }

    private static String show(java.sql.Statement st, String setting) throws java.sql.SQLException {
        try (java.sql.ResultSet rs = st.executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void isLive() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void exposesPrometheusMetricsIncludingTheOutboxBacklog() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("skillpath_outbox_backlog"))
                .body(containsString("kafka_consumer_fetch_manager_records_lag_max"))
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void handsBackTheRequestIdItWasGiven() {
        given().header("X-Request-Id", "req-12345").when().get("/api/v1/no-such-thing")
                .then().header("X-Request-Id", equalTo("req-12345"));
    }

    @Test
    void answersAnUnknownPathWithAProblem() {
        given().when().get("/api/v1/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://skillpath.dev/problems/not-found"))
                .body("status", equalTo(404))
                .body("title", equalTo("Not found"))
                .body("instance", equalTo("/api/v1/no-such-thing"));
    }

    @Test
    void servesItsOpenApiDocumentAndSwaggerUi() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("info.title", containsString(serviceName()));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }
}
