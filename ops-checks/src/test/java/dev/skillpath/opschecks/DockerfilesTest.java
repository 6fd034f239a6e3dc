package dev.skillpath.opschecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Each service's Dockerfile.jvm: pinned base, fast-jar layers, non-root, a health check on its own port. */
class DockerfilesTest {

    /** Instructions with continuation lines joined and comments dropped. */
    static List<String> instructions(Path dockerfile) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Repo.read(dockerfile).split("\n")) {
            String l = line.strip();
            if (l.startsWith("#") || (l.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (l.endsWith("\\")) {
                current.append(l, 0, l.length() - 1).append(' ');
            } else {
                current.append(l);
                result.add(current.toString().strip());
                current.setLength(0);
            }
        }
        return result;
    }

    static List<String> withKeyword(List<String> instructions, String keyword) {
        return instructions.stream().filter(i -> i.toUpperCase().startsWith(keyword + " ")).toList();
    }

    @Test
    void everyServiceHasAJvmDockerfile() {
        for (Map.Entry<String, Integer> s : Repo.SERVICES.entrySet()) {
            Path dockerfile = Repo.path(s.getKey() + "/src/main/docker/Dockerfile.jvm");
            assertTrue(Files.isRegularFile(dockerfile), dockerfile + " is missing");
            List<String> ins = instructions(dockerfile);
            String what = s.getKey() + " Dockerfile.jvm";

            List<String> from = withKeyword(ins, "FROM");
            assertEquals(1, from.size(), what + ": one stage, the runtime");
            String base = from.get(0).substring(5).strip();
            ComposeFileTest.assertPinned(what, base);
            assertTrue(base.matches(".*(17|openjdk-17).*"), what + ": a Java 17 runtime, found " + base);

            String layers = s.getKey() + "/target/quarkus-app/";
            List<String> copies = withKeyword(ins, "COPY");
            for (String layer : List.of("lib/", "quarkus-run.jar", "app/", "quarkus/")) {
                assertTrue(copies.stream().anyMatch(c -> c.contains(" " + layers + layer + " ")),
                        what + ": copies the fast-jar layer " + layer + " on its own");
            }

            List<String> users = withKeyword(ins, "USER");
            assertTrue(!users.isEmpty(), what + ": no USER");
            String user = users.get(users.size() - 1).substring(5).strip().split(":")[0];
            assertTrue(!user.equals("root") && !user.equals("0"), what + ": runs as root");

            List<String> exposes = withKeyword(ins, "EXPOSE");
            assertEquals(List.of("EXPOSE " + s.getValue()), exposes, what);

            List<String> health = withKeyword(ins, "HEALTHCHECK");
            assertEquals(1, health.size(), what + ": one HEALTHCHECK");
            ComposeFileTest.assertHealthRequest(what + " HEALTHCHECK", health.get(0), s.getValue());

            String entrypoint = withKeyword(ins, "ENTRYPOINT").get(0);
            assertTrue(entrypoint.contains("exec java") && entrypoint.contains("quarkus-run.jar"),
                    what + ": java is PID 1 (exec) and runs the fast jar");
        }
    }

    @Test
    void theBuildContextHoldsOnlyTheBuiltApplications() {
        List<String> lines = Repo.read(Repo.path(".dockerignore")).lines()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertEquals("*", lines.get(0), ".dockerignore starts by excluding everything");
        for (String service : Repo.SERVICES.keySet()) {
            assertTrue(lines.contains("!" + service + "/target/quarkus-app/"), ".dockerignore lets in " + service);
        }
        assertEquals(1 + Repo.SERVICES.size(), lines.size(), ".dockerignore lets in nothing else");
    }
}
