package dev.skillpath.opschecks;

import static dev.skillpath.opschecks.Repo.at;
import static dev.skillpath.opschecks.Repo.list;
import static dev.skillpath.opschecks.Repo.map;
import static dev.skillpath.opschecks.Repo.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker-compose.yml and .env.example: the same system as ./skillpath up, configured only as the services read. */
class ComposeFileTest {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern HEALTH_PATH = Pattern.compile("/q/health[/A-Za-z0-9_-]*");

    static Map<String, Object> compose;
    static Map<String, Object> services;

    @BeforeAll
    static void load() {
        compose = Repo.single(Repo.path("docker-compose.yml"));
        services = map(compose.get("services"));
    }

    static Map<String, Object> service(String name) {
        Object s = services.get(name);
        assertTrue(s != null, "docker-compose.yml has no service " + name);
        return map(s);
    }

    static boolean inDefaultProfile(String name) {
        return list(service(name).get("profiles")).isEmpty();
    }

    /** environment as a map, whether written as a mapping or as a list of NAME=value. */
    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new TreeMap<>();
        Object raw = service.get("environment");
        if (raw instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else {
            for (Object entry : list(raw)) {
                String s = String.valueOf(entry);
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
            }
        }
        return env;
    }

    @Test
    void describesTheSameSystemAsSkillpathUp() {
        Set<String> expected = new TreeSet<>(Repo.SERVICES.keySet());
        expected.add("kafka");
        expected.add("postgres");
        Set<String> defaults = new TreeSet<>();
        services.keySet().stream().filter(ComposeFileTest::inDefaultProfile).forEach(defaults::add);
        assertEquals(expected, defaults, "services started by a plain `up`");
    }

    @Test
    void kafkaIsTheOfficialImageAtTheProjectsBrokerVersionInKraftMode() {
        Map<String, Object> kafka = service("kafka");
        assertEquals("apache/kafka:" + Repo.parentPomProperty("kafka.version"), kafka.get("image"));
        Map<String, String> env = environment(kafka);
        assertEquals("broker,controller", env.get("KAFKA_PROCESS_ROLES"), "single-node KRaft");
        assertTrue(str(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).startsWith(env.get("KAFKA_NODE_ID") + "@"));
    }

    @Test
    void postgresIsVersion15WithAnInitScriptForOneDatabaseAndUserPerService() {
        Map<String, Object> postgres = service("postgres");
        assertTrue(str(postgres.get("image")).matches("postgres:15\\.\\d+.*"), "pinned PostgreSQL 15.x");
        String init = null;
        for (Object v : list(postgres.get("volumes"))) {
            String[] parts = String.valueOf(v).split(":");
            if (parts.length >= 2 && parts[1].startsWith("/docker-entrypoint-initdb.d/")) {
                init = Repo.read(Repo.path(parts[0].replaceFirst("^\\./", "")));
            }
        }
        assertTrue(init != null, "postgres mounts an init script into /docker-entrypoint-initdb.d");
        for (String db : Repo.DATABASES.values()) {
            assertTrue(Pattern.compile("create_service_database " + db + " \"\\$\\{" + db.toUpperCase()
                    + "_DB_PASSWORD:\\?}\"").matcher(init).find(), "init script creates database and user " + db);
            assertTrue(environment(postgres).containsKey(db.toUpperCase() + "_DB_PASSWORD"));
        }
        assertTrue(Pattern.compile("create_service_database content .*pg_trgm").matcher(init).find(),
                "content's migration needs pg_trgm");
    }

    @Test
    void everyVariableSetOnAServiceIsOneTheServiceReads() {
        EnvironmentContract contract = EnvironmentContract.load();
        List<String> unread = new ArrayList<>();
        for (String name : Repo.SERVICES.keySet()) {
            for (String variable : environment(service(name)).keySet()) {
                if (!contract.reads(name, variable)) {
                    unread.add(name + ": " + variable);
                }
            }
        }
        assertEquals(List.of(), unread, "compose sets variables the services do not read "
                + "(see ops-checks/src/test/resources/environment-allow-list.txt)");
    }

    @Test
    void everyServiceGetsWhatSkillpathUpGivesIt() {
        for (Map.Entry<String, Integer> s : Repo.SERVICES.entrySet()) {
            Map<String, String> env = environment(service(s.getKey()));
            assertEquals(String.valueOf(s.getValue()), env.get("PORT"), s.getKey() + " PORT");
            assertTrue(env.containsKey("JWT_PUBLIC_KEY_LOCATION"), s.getKey() + " JWT_PUBLIC_KEY_LOCATION");
        }
        for (Map.Entry<String, String> s : Repo.DATABASES.entrySet()) {
            Map<String, String> env = environment(service(s.getKey()));
            assertEquals("jdbc:postgresql://postgres:5432/" + s.getValue(), env.get("DB_URL"), s.getKey());
            assertEquals(s.getValue(), env.get("DB_USER"), s.getKey() + ": its own database user");
            assertTrue(str(env.get("DB_PASSWORD")).startsWith("${" + s.getValue().toUpperCase() + "_DB_PASSWORD:?"),
                    s.getKey() + ": password from .env, required");
            assertEquals("kafka:9092", env.get("KAFKA_BOOTSTRAP_SERVERS"), s.getKey());
        }
        Map<String, String> gateway = environment(service("gateway"));
        for (String upstream : Repo.DATABASES.keySet()) {
            String variable = upstream.replace("-service", "").toUpperCase() + "_SERVICE_URL";
            assertEquals("http://" + upstream + ":" + Repo.SERVICES.get(upstream), gateway.get(variable), variable);
        }
    }

    @Test
    void everyContainerHasAHealthCheck() {
        for (String name : services.keySet()) {
            Object test = at(service(name), "healthcheck", "test");
            assertTrue(test != null, name + " has no healthcheck");
            assertTrue(!at(service(name), "healthcheck").toString().contains("disable"), name + " disables it");
        }
    }

    @Test
    void serviceHealthChecksAskReadinessOnTheServicesOwnPort() {
        for (Map.Entry<String, Integer> s : Repo.SERVICES.entrySet()) {
            String test = String.join(" ", list(at(service(s.getKey()), "healthcheck", "test")).stream()
                    .map(String::valueOf).toList());
            assertHealthRequest(s.getKey() + " compose healthcheck", test, s.getValue());
        }
    }

    /** A health request: every /q/health path is a real one, and the port in it is the service's. */
    static void assertHealthRequest(String what, String command, int port) {
        Matcher paths = HEALTH_PATH.matcher(command);
        int found = 0;
        while (paths.find()) {
            found++;
            assertTrue(Repo.HEALTH_PATHS.contains(paths.group()), what + " calls " + paths.group()
                    + ", not one of " + Repo.HEALTH_PATHS);
        }
        assertTrue(found > 0, what + " calls no /q/health endpoint: " + command);
        Matcher ports = Pattern.compile("(?:/dev/tcp/[^/\\s]+/|https?://[^/:\\s]+:|PORT:-)(\\d+)").matcher(command);
        int portsFound = 0;
        while (ports.find()) {
            portsFound++;
            assertEquals(port, Integer.parseInt(ports.group(1)), what + " uses the wrong port");
        }
        assertTrue(portsFound > 0, what + " names no port: " + command);
    }

    @Test
    void startOrderWaitsForHealthyInfrastructure() {
        for (String name : Repo.DATABASES.keySet()) {
            Map<String, Object> dependsOn = map(service(name).get("depends_on"));
            for (String infra : List.of("kafka", "postgres")) {
                assertEquals("service_healthy", at(dependsOn, infra, "condition"), name + " -> " + infra);
            }
        }
        Map<String, Object> gatewayDeps = map(service("gateway").get("depends_on"));
        for (String upstream : Repo.DATABASES.keySet()) {
            assertEquals("service_healthy", at(gatewayDeps, upstream, "condition"), "gateway -> " + upstream);
        }
        for (String name : services.keySet()) {
            Object deps = service(name).get("depends_on");
            if (deps != null) {
                map(deps).forEach((dep, spec) -> assertEquals("service_healthy", at(spec, "condition"),
                        name + " -> " + dep + " must wait for health"));
            }
        }
    }

    @Test
    void onlyTheGatewayPublishesAPortByDefault() {
        for (String name : services.keySet()) {
            List<Object> ports = list(service(name).get("ports"));
            if (!inDefaultProfile(name)) {
                for (Object p : ports) {
                    assertTrue(String.valueOf(p).startsWith("127.0.0.1:"),
                            name + " (optional profile) publishes " + p + " beyond this machine");
                }
            } else if (!name.equals("gateway")) {
                assertEquals(List.of(), ports, name + " publishes a port");
            }
            assertTrue(service(name).get("network_mode") == null, name + " uses network_mode");
        }
        assertEquals(1, list(service("gateway").get("ports")).size());
        assertTrue(String.valueOf(list(service("gateway").get("ports")).get(0)).endsWith(":8080"));
    }

    @Test
    void everyContainerHasAMemoryLimit() {
        for (String name : services.keySet()) {
            Object limit = service(name).get("mem_limit");
            if (limit == null) {
                limit = at(service(name), "deploy", "resources", "limits", "memory");
            }
            assertTrue(limit != null, name + " has no memory limit");
        }
    }

    @Test
    void imagesArePinned() {
        for (String name : services.keySet()) {
            String image = str(service(name).get("image"));
            assertTrue(image != null, name + " names no image");
            assertPinned(name, image);
        }
    }

    static void assertPinned(String what, String image) {
        String withoutRegistryPort = image.replaceFirst("^[^/]+:\\d+/", "");
        int colon = withoutRegistryPort.lastIndexOf(':');
        assertTrue(image.contains("@sha256:") || colon > withoutRegistryPort.lastIndexOf('/'),
                what + ": image " + image + " has no tag");
        String tag = withoutRegistryPort.substring(colon + 1);
        assertTrue(!tag.contains("latest"), what + ": image " + image + " is not pinned");
    }

    @Test
    void theFourServicesAreBuiltFromTheirModules() {
        for (String name : Repo.SERVICES.keySet()) {
            String dockerfile = str(at(service(name), "build", "dockerfile"));
            assertEquals(name + "/src/main/docker/Dockerfile.jvm", dockerfile);
            assertTrue(Files.isRegularFile(Repo.path(dockerfile)), dockerfile + " exists");
            assertEquals(".", str(at(service(name), "build", "context")), "built from the root (.dockerignore)");
        }
    }

    @Test
    void dataLivesInNamedVolumes() {
        Set<String> declared = map(compose.get("volumes")).keySet();
        for (String name : List.of("kafka", "postgres")) {
            boolean named = false;
            for (Object v : list(service(name).get("volumes"))) {
                String source = String.valueOf(v).split(":")[0];
                if (!source.startsWith(".") && !source.startsWith("/")) {
                    assertTrue(declared.contains(source), name + " uses undeclared volume " + source);
                    named = true;
                }
            }
            assertTrue(named, name + " keeps its data in a named volume");
        }
    }

    @Test
    void everyVariableComposeUsesIsDocumentedInEnvExampleWhichHoldsNoSecret() {
        Map<String, String> example = envExample();
        Set<String> used = new TreeSet<>();
        Matcher m = VARIABLE.matcher(Repo.read(Repo.path("docker-compose.yml")));
        while (m.find()) {
            used.add(m.group(1));
        }
        Set<String> undocumented = new TreeSet<>(used);
        undocumented.removeAll(example.keySet());
        assertEquals(Set.of(), undocumented, "variables docker-compose.yml uses but .env.example does not document");
        example.forEach((k, v) -> {
            if (k.matches(".*(PASSWORD|SECRET|PRIVATE|TOKEN).*")) {
                assertEquals("", v, ".env.example must not carry a value for " + k);
            }
        });
        String gitignore = Repo.read(Repo.path(".gitignore"));
        assertTrue(gitignore.lines().anyMatch(l -> l.strip().matches("/?\\.env")), ".env is git-ignored");
        assertTrue(gitignore.lines().anyMatch(l -> l.strip().matches("/?secrets/?")), "secrets/ is git-ignored");
    }

    static Map<String, String> envExample() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Repo.read(Repo.path(".env.example")).split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                int eq = l.indexOf('=');
                assertTrue(eq > 0, ".env.example line is not NAME=value: " + line);
                values.put(l.substring(0, eq), l.substring(eq + 1));
            }
        }
        return values;
    }

    @Test
    void prometheusScrapesEveryServicesMetrics() {
        Map<String, Object> config = Repo.single(Repo.path("deploy/compose/prometheus/prometheus.yml"));
        Set<String> targets = new TreeSet<>();
        for (Object job : list(config.get("scrape_configs"))) {
            assertEquals("/q/metrics", at(job, "metrics_path"));
            for (Object sc : list(at(job, "static_configs"))) {
                list(at(sc, "targets")).forEach(t -> targets.add(String.valueOf(t)));
            }
        }
        Set<String> expected = new TreeSet<>();
        Repo.SERVICES.forEach((name, port) -> expected.add(name + ":" + port));
        assertEquals(expected, targets);
        assertTrue(list(service("jaeger").get("profiles")).contains("observability"));
        assertTrue(list(service("prometheus").get("profiles")).contains("observability"));
    }

    /**
     * The real validator when it is installed (Debian's docker-compose 1.29 works without an engine), with
     * .env.example and stand-in passwords; skipped otherwise (.ci/run runs it too).
     */
    @Test
    void dockerComposeConfigAcceptsTheFileOffline() throws Exception {
        Path binary = null;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "docker-compose");
            if (Files.isExecutable(candidate)) {
                binary = candidate;
                break;
            }
        }
        Assumptions.assumeTrue(binary != null, "docker-compose is not installed: offline validation skipped");
        for (List<String> profile : List.of(List.<String>of(), List.of("--profile", "observability"))) {
            List<String> command = new ArrayList<>(List.of(binary.toString(), "--env-file", ".env.example",
                    "-f", "docker-compose.yml"));
            command.addAll(profile);
            command.addAll(List.of("config", "-q"));
            ProcessBuilder pb = new ProcessBuilder(command).directory(Repo.ROOT.toFile()).redirectErrorStream(true);
            for (String secret : List.of("POSTGRES_PASSWORD", "CONTENT_DB_PASSWORD", "SKILLS_DB_PASSWORD",
                    "QUIZ_DB_PASSWORD")) {
                pb.environment().put(secret, "stand-in");
            }
            Process process = pb.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("docker-compose config did not finish");
            }
            assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + output);
        }
    }
}
