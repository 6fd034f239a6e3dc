package dev.skillpath.opschecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The gateway's local token issuer signs a token for anyone who asks, so no deployment artefact turns it on, forces
 * it or hands the gateway a signing key: docker-compose.yml, .env.example and every file under deploy/.
 */
class LocalIssuerOffTest {

    static final Pattern ENABLED = Pattern.compile("SKILLPATH_GATEWAY_AUTH_LOCAL_ISSUER_ENABLED\\s*[:=]\\s*\"?([^\"\\s#]*)");
    static final List<String> NEVER = List.of("SKILLPATH_GATEWAY_AUTH_LOCAL_ISSUER_FORCE", "JWT_PRIVATE_KEY_LOCATION",
            "jwt-private");

    static List<Path> artefacts() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Repo.path("docker-compose.yml"), Repo.path(".env.example")));
        try (Stream<Path> deploy = Files.walk(Repo.path("deploy"))) {
            deploy.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        return files;
    }

    @Test
    void noDeploymentEnablesForcesOrKeysTheLocalIssuer() throws IOException {
        List<String> findings = new ArrayList<>();
        int settings = 0;
        for (Path file : artefacts()) {
            String text = Repo.read(file);
            Matcher m = ENABLED.matcher(text);
            while (m.find()) {
                settings++;
                if (!m.group(1).equals("false")) {
                    findings.add(Repo.ROOT.relativize(file) + ": SKILLPATH_GATEWAY_AUTH_LOCAL_ISSUER_ENABLED=" + m.group(1));
                }
            }
            for (String never : NEVER) {
                if (text.contains(never)) {
                    findings.add(Repo.ROOT.relativize(file) + " names " + never);
                }
            }
        }
        assertEquals(List.of(), findings, "the local issuer is off in every deployment artefact");
        assertTrue(settings >= 2, "compose and the Kubernetes base say false explicitly; found " + settings);
    }

    @Test
    void thePatternSeesAnEnabledIssuerWrittenEitherWay() {
        for (String line : List.of("SKILLPATH_GATEWAY_AUTH_LOCAL_ISSUER_ENABLED: \"true\"",
                "  - SKILLPATH_GATEWAY_AUTH_LOCAL_ISSUER_ENABLED=true",
                "SKILLPATH_GATEWAY_AUTH_LOCAL_ISSUER_ENABLED: ${SKILLPATH_GATEWAY_AUTH_LOCAL_ISSUER_ENABLED:-true}")) {
            Matcher m = ENABLED.matcher(line);
            assertTrue(m.find(), line);
            assertFalse(m.group(1).equals("false"), line);
        }
        Matcher off = ENABLED.matcher("      SKILLPATH_GATEWAY_AUTH_LOCAL_ISSUER_ENABLED: \"false\"");
        assertTrue(off.find());
        assertEquals("false", off.group(1));
    }
}
