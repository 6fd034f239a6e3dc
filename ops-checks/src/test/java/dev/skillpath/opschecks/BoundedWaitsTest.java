package dev.skillpath.opschecks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The database bounds of a request stay below the gateway's timeout, in the defaults and in every deployment
 * artefact that sets them (docs/reliability.md, "Bounded waits"): a caller of a service whose database hangs gets
 * that service's 503 problem, not the gateway's 504; and PostgreSQL's own bounds fire before the client's socket
 * bound, so a slow statement is cancelled cleanly first.
 */
class BoundedWaitsTest {

    static final String PLATFORM = Repo.read(Repo.path("platform").resolve("src/main/resources/META-INF/microprofile-config.properties"));
    static final String GATEWAY = Repo.read(Repo.path("gateway").resolve("src/main/resources/application.properties"));

    @Test
    void aRequestsDatabaseWaitsAddUpToLessThanTheGatewaysTimeout() {
        Duration gateway = duration(property(GATEWAY, "skillpath.gateway.timeout"));
        Duration socket = Duration.ofSeconds(Long.parseLong(defaultOf(PLATFORM, "DB_SOCKET_TIMEOUT_SECONDS")));
        List<String> acquisitions = new ArrayList<>(List.of(defaultOf(PLATFORM, "DB_ACQUISITION_TIMEOUT")));
        // what the deployment artefacts set instead of the default
        acquisitions.addAll(values(Repo.read(Repo.ROOT.resolve(".env.example")), "DB_ACQUISITION_TIMEOUT=([0-9A-Za-z]+)"));
        acquisitions.addAll(values(Repo.read(Repo.ROOT.resolve("docker-compose.yml")), "DB_ACQUISITION_TIMEOUT:-([0-9A-Za-z]+)"));
        acquisitions.addAll(values(Repo.read(Repo.ROOT.resolve("deploy/kubernetes/base/kustomization.yaml")),
                "DB_ACQUISITION_TIMEOUT=([0-9A-Za-z]+)"));
        assertTrue(acquisitions.size() >= 4, "found the default and the deployments' values: " + acquisitions);
        for (String acquisition : acquisitions) {
            Duration total = duration(acquisition).plus(socket);
            assertTrue(total.compareTo(gateway) < 0, "a pooled connection (" + acquisition + ") and a read that never "
                    + "comes back (" + socket.toSeconds() + " s) must stay below the gateway's " + gateway.toSeconds() + " s");
        }
    }

    @Test
    void postgresqlCancelsASlowStatementBeforeTheSocketGivesUp() {
        Duration socket = Duration.ofSeconds(Long.parseLong(defaultOf(PLATFORM, "DB_SOCKET_TIMEOUT_SECONDS")));
        Duration statement = duration(defaultOf(PLATFORM, "DB_STATEMENT_TIMEOUT"));
        Duration lock = duration(defaultOf(PLATFORM, "DB_LOCK_TIMEOUT"));
        assertTrue(statement.compareTo(socket) < 0, "statement " + statement + " < socket " + socket);
        assertTrue(lock.compareTo(statement) < 0, "lock " + lock + " < statement " + statement + " (else it never fires)");
    }

    static String property(String file, String key) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(key) + "=(.+)$").matcher(file);
        assertTrue(m.find(), key);
        return m.group(1).strip();
    }

    static String defaultOf(String file, String variable) {
        Matcher m = Pattern.compile("\\$\\{" + variable + ":([^}]+)}").matcher(file);
        assertTrue(m.find(), variable + " with a default");
        return m.group(1);
    }

    static List<String> values(String file, String regex) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(file);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** {@code 2S}, {@code 5s}, {@code 10s}, {@code 500ms}, {@code 5min}: the forms our properties use. */
    static Duration duration(String value) {
        Matcher m = Pattern.compile("(?i)([0-9]+)(ms|s|min)").matcher(value.strip());
        assertTrue(m.matches(), "a duration: " + value);
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase()) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }
}
