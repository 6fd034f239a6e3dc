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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes: every manifest parses; Deployments have probes on real health endpoints and their own port,
 * requests and limits, an HPA each, only variables the services read; Strimzi and CloudNativePG resources match
 * what the services are configured to connect to. The Kustomize overlays are rendered too when kubectl is here.
 */
class KubernetesManifestsTest {

    static final String K8S = "deploy/kubernetes";

    static List<Map<String, Object>> docsUnder(String folder, Predicate<Path> fileFilter) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Path file : Repo.yamlFilesUnder(folder)) {
            if (fileFilter.test(file)) {
                Repo.documents(file).forEach(d -> docs.add(map(d)));
            }
        }
        return docs;
    }

    static boolean isKustomization(Path file) {
        return file.getFileName().toString().equals("kustomization.yaml");
    }

    /** The resources of the base (what every overlay starts from). */
    static List<Map<String, Object>> base() {
        return docsUnder(K8S + "/base", f -> !isKustomization(f));
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    static String name(Map<String, Object> doc) {
        return str(at(doc, "metadata", "name"));
    }

    static Map<String, Object> named(List<Map<String, Object>> docs, String kind, String name) {
        return ofKind(docs, kind).stream().filter(d -> name.equals(name(d))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    static Map<String, Object> container(Map<String, Object> deployment) {
        List<Object> containers = list(at(deployment, "spec", "template", "spec", "containers"));
        assertEquals(1, containers.size(), name(deployment) + ": one container");
        return map(containers.get(0));
    }

    @Test
    void everyFileUnderDeployParses() {
        List<Path> files = Repo.yamlFilesUnder("deploy");
        assertTrue(files.size() >= 8, "found " + files);
        for (Path file : files) {
            List<Object> docs = Repo.documents(file);
            assertTrue(!docs.isEmpty(), file + " is empty");
            if (file.startsWith(Repo.path(K8S))) {
                for (Object doc : docs) {
                    assertTrue(at(doc, "apiVersion") != null && at(doc, "kind") != null,
                            Repo.ROOT.relativize(file) + ": a document without apiVersion and kind");
                    if (!isKustomization(file)) {
                        assertTrue(name(map(doc)) != null, Repo.ROOT.relativize(file) + ": a resource without a name");
                    }
                }
            }
        }
    }

    @Test
    void kustomizationsReferToFilesThatExist() {
        List<Path> kustomizations = Repo.yamlFilesUnder(K8S).stream().filter(KubernetesManifestsTest::isKustomization)
                .toList();
        assertEquals(3, kustomizations.size(), "base, dev and production");
        for (Path k : kustomizations) {
            for (Object resource : list(Repo.single(k).get("resources"))) {
                Path target = k.getParent().resolve(String.valueOf(resource)).normalize();
                assertTrue(Files.exists(target), Repo.ROOT.relativize(k) + " names missing " + resource);
            }
        }
    }

    @Test
    void theBaseDeploysTheFourServices() {
        Set<String> names = new TreeSet<>();
        ofKind(base(), "Deployment").forEach(d -> names.add(name(d)));
        assertEquals(new TreeSet<>(Repo.SERVICES.keySet()), names);
    }

    @Test
    void deploymentsProbeRealHealthEndpointsOnTheirOwnPort() {
        checkProbes(base());
    }

    static void checkProbes(List<Map<String, Object>> docs) {
        for (Map<String, Object> deployment : ofKind(docs, "Deployment")) {
            String service = name(deployment);
            int port = Repo.SERVICES.get(service);
            Map<String, Object> c = container(deployment);
            assertEquals("/q/health/live", at(c, "livenessProbe", "httpGet", "path"), service + " liveness");
            assertEquals("/q/health/ready", at(c, "readinessProbe", "httpGet", "path"), service + " readiness");
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                Object httpGet = at(c, probe, "httpGet");
                if (httpGet == null) {
                    assertTrue(!probe.equals("livenessProbe") && !probe.equals("readinessProbe"));
                    continue;
                }
                assertTrue(Repo.HEALTH_PATHS.contains(str(at(httpGet, "path"))), service + " " + probe + " path");
                assertEquals(port, resolvePort(c, at(httpGet, "port")), service + " " + probe + " port");
            }
        }
    }

    /** A probe's port: a number, or the name of one of the container's ports. */
    static int resolvePort(Map<String, Object> container, Object port) {
        if (port instanceof Integer i) {
            return i;
        }
        for (Object p : list(container.get("ports"))) {
            if (String.valueOf(port).equals(str(at(p, "name")))) {
                return (Integer) at(p, "containerPort");
            }
        }
        throw new AssertionError(container.get("name") + ": probe port " + port + " is not a container port");
    }

    @Test
    void deploymentsHaveRequestsAndLimitsAndRunAsNonRoot() {
        checkResources(base());
    }

    static void checkResources(List<Map<String, Object>> docs) {
        for (Map<String, Object> deployment : ofKind(docs, "Deployment")) {
            Map<String, Object> c = container(deployment);
            for (String kind : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertTrue(at(c, "resources", kind, resource) != null,
                            name(deployment) + " has no " + kind + "." + resource);
                }
            }
            assertEquals(Boolean.TRUE, at(deployment, "spec", "template", "spec", "securityContext", "runAsNonRoot"),
                    name(deployment) + " runAsNonRoot");
            ComposeFileTest.assertPinned(name(deployment), str(c.get("image")));
        }
    }

    @Test
    void everyDeploymentHasAnAutoscalerBoundedByThePartitions() {
        checkAutoscalers(base());
    }

    static void checkAutoscalers(List<Map<String, Object>> docs) {
        int partitions = ofKind(docs, "KafkaTopic").stream()
                .mapToInt(t -> (Integer) at(t, "spec", "partitions")).min().orElseThrow();
        for (Map<String, Object> deployment : ofKind(docs, "Deployment")) {
            String service = name(deployment);
            List<Map<String, Object>> hpas = ofKind(docs, "HorizontalPodAutoscaler").stream()
                    .filter(h -> "Deployment".equals(at(h, "spec", "scaleTargetRef", "kind"))
                            && service.equals(at(h, "spec", "scaleTargetRef", "name")))
                    .toList();
            assertEquals(1, hpas.size(), service + " has one HorizontalPodAutoscaler");
            Map<String, Object> hpa = hpas.get(0);
            assertEquals("autoscaling/v2", hpa.get("apiVersion"));
            int min = (Integer) at(hpa, "spec", "minReplicas");
            int max = (Integer) at(hpa, "spec", "maxReplicas");
            assertTrue(1 <= min && min <= max, service + " HPA min/max");
            if (Repo.DATABASES.containsKey(service)) {
                assertTrue(max <= partitions, service + ": more replicas (" + max + ") than partitions ("
                        + partitions + ") would sit idle in its consumer group");
            }
        }
    }

    @Test
    void servicesRouteToTheirDeploymentsPort() {
        for (Map<String, Object> svc : ofKind(base(), "Service")) {
            String service = name(svc);
            Map<String, Object> deployment = named(base(), "Deployment", service);
            Map<String, Object> selector = map(at(svc, "spec", "selector"));
            Map<String, Object> labels = map(at(deployment, "spec", "template", "metadata", "labels"));
            selector.forEach((k, v) -> assertEquals(v, labels.get(k), service + " selector " + k));
            Object port = list(at(svc, "spec", "ports")).get(0);
            assertEquals(Repo.SERVICES.get(service), at(port, "port"));
            assertEquals(Repo.SERVICES.get(service), resolvePort(container(deployment), at(port, "targetPort")));
        }
    }

    /** ConfigMap data by name: ConfigMap resources and every kustomization's configMapGenerator literals. */
    static Map<String, Set<String>> configMapKeys(List<Map<String, Object>> docs, boolean withGenerators) {
        Map<String, Set<String>> keys = new TreeMap<>();
        for (Map<String, Object> cm : ofKind(docs, "ConfigMap")) {
            keys.computeIfAbsent(name(cm), n -> new TreeSet<>()).addAll(map(cm.get("data")).keySet());
        }
        if (withGenerators) {
            for (Path k : Repo.yamlFilesUnder(K8S).stream().filter(KubernetesManifestsTest::isKustomization).toList()) {
                for (Object generator : list(Repo.single(k).get("configMapGenerator"))) {
                    assertTrue(at(generator, "envs") == null && at(generator, "files") == null,
                            "configMapGenerator uses literals only (the checks read those)");
                    Set<String> names = keys.computeIfAbsent(str(at(generator, "name")), n -> new TreeSet<>());
                    for (Object literal : list(at(generator, "literals"))) {
                        String l = String.valueOf(literal);
                        assertTrue(l.indexOf('=') > 0, k + ": literal without NAME=: " + l);
                        names.add(l.substring(0, l.indexOf('=')));
                    }
                }
            }
        }
        return keys;
    }

    @Test
    void everyVariableSetOnADeploymentIsOneTheServiceReads() {
        checkEnvironment(base(), configMapKeys(base(), true));
    }

    static void checkEnvironment(List<Map<String, Object>> docs, Map<String, Set<String>> configMaps) {
        EnvironmentContract contract = EnvironmentContract.load();
        List<String> unread = new ArrayList<>();
        Set<String> usedConfigMaps = new TreeSet<>();
        for (Map<String, Object> deployment : ofKind(docs, "Deployment")) {
            String service = name(deployment);
            Map<String, Object> c = container(deployment);
            Set<String> variables = new TreeSet<>();
            list(c.get("env")).forEach(e -> variables.add(str(at(e, "name"))));
            for (Object from : list(c.get("envFrom"))) {
                String cm = str(at(from, "configMapRef", "name"));
                assertTrue(cm != null, service + ": envFrom only from ConfigMaps (Secrets go through env)");
                assertTrue(configMaps.containsKey(cm), service + " reads ConfigMap " + cm + " that is not defined");
                assertTrue(at(from, "prefix") == null, service + ": envFrom with a prefix");
                usedConfigMaps.add(cm);
                variables.addAll(configMaps.get(cm));
            }
            for (String variable : variables) {
                if (!contract.reads(service, variable)) {
                    unread.add(service + ": " + variable);
                }
            }
        }
        assertEquals(List.of(), unread, "Kubernetes sets variables the services do not read "
                + "(see ops-checks/src/test/resources/environment-allow-list.txt)");
        Set<String> unused = new TreeSet<>(configMaps.keySet());
        unused.removeAll(usedConfigMaps);
        assertEquals(Set.of(), unused, "ConfigMaps no Deployment reads");
    }

    @Test
    void kafkaIsAStrimziKraftClusterWithTheProjectsTopics() {
        List<Map<String, Object>> docs = base();
        List<Map<String, Object>> kafkas = ofKind(docs, "Kafka");
        assertEquals(1, kafkas.size());
        Map<String, Object> kafka = kafkas.get(0);
        assertTrue(str(kafka.get("apiVersion")).startsWith("kafka.strimzi.io/"));
        assertEquals(Repo.parentPomProperty("kafka.version"), str(at(kafka, "spec", "kafka", "version")));
        assertEquals("enabled", at(kafka, "metadata", "annotations", "strimzi.io/kraft"));
        assertTrue(at(kafka, "spec", "zookeeper") == null, "KRaft, no ZooKeeper");
        String cluster = name(kafka);
        for (Map<String, Object> pool : ofKind(docs, "KafkaNodePool")) {
            assertEquals(cluster, at(pool, "metadata", "labels", "strimzi.io/cluster"));
        }
        Map<String, Map<String, Object>> topics = new TreeMap<>();
        for (Map<String, Object> topic : ofKind(docs, "KafkaTopic")) {
            assertEquals(cluster, at(topic, "metadata", "labels", "strimzi.io/cluster"), name(topic));
            topics.put(str(at(topic, "spec", "topicName")), topic);
        }
        assertEquals(Set.of("skillpath.progress", "skillpath.catalog", "skillpath.progress.dlq",
                "skillpath.catalog.dlq"), topics.keySet());
        assertEquals("compact", at(topics.get("skillpath.catalog"), "spec", "config", "cleanup.policy"));
        assertTrue(!"compact".equals(at(topics.get("skillpath.progress"), "spec", "config", "cleanup.policy")));

        Map<String, Set<String>> cms = configMapKeys(docs, true);
        assertTrue(cms.get("skillpath-events").contains("KAFKA_BOOTSTRAP_SERVERS"));
        String bootstrap = generatorValue(K8S + "/base/kustomization.yaml", "skillpath-events", "KAFKA_BOOTSTRAP_SERVERS");
        assertEquals(cluster + "-kafka-bootstrap:9092", bootstrap);
    }

    @Test
    void eachDataServiceConnectsToItsOwnCloudNativePgCluster() {
        List<Map<String, Object>> docs = base();
        for (Map.Entry<String, String> s : Repo.DATABASES.entrySet()) {
            String url = generatorValue(K8S + "/base/kustomization.yaml", s.getKey() + "-config", "DB_URL");
            assertTrue(url != null && url.matches("jdbc:postgresql://[a-z0-9-]+-rw:5432/[a-z_]+"),
                    s.getKey() + " DB_URL " + url);
            String clusterName = url.replaceFirst("jdbc:postgresql://", "").replaceFirst("-rw:.*", "");
            Map<String, Object> cluster = named(docs, "Cluster", clusterName);
            assertEquals("postgresql.cnpg.io/v1", cluster.get("apiVersion"));
            assertEquals(s.getValue(), at(cluster, "spec", "bootstrap", "initdb", "database"));
            assertEquals(s.getValue(), url.substring(url.lastIndexOf('/') + 1));
            ComposeFileTest.assertPinned(clusterName, str(at(cluster, "spec", "imageName")));
            assertTrue(str(at(cluster, "spec", "imageName")).contains(":15."), "PostgreSQL 15 as in compose");
            Map<String, Object> c = container(named(docs, "Deployment", s.getKey()));
            for (Object env : list(c.get("env"))) {
                Object secret = at(env, "valueFrom", "secretKeyRef", "name");
                if (secret != null) {
                    assertEquals(clusterName + "-app", secret, s.getKey() + " " + at(env, "name"));
                }
            }
        }
        for (String db : List.of("content-db", "quiz-db")) {
            assertTrue(String.valueOf(at(named(docs, "Cluster", db), "spec", "bootstrap", "initdb",
                    "postInitApplicationSQL")).contains("pg_trgm"), db + " gets pg_trgm");
        }
    }

    static String generatorValue(String kustomization, String generator, String key) {
        for (Object g : list(Repo.single(Repo.path(kustomization)).get("configMapGenerator"))) {
            if (generator.equals(at(g, "name"))) {
                for (Object literal : list(at(g, "literals"))) {
                    String l = String.valueOf(literal);
                    if (l.startsWith(key + "=")) {
                        return l.substring(key.length() + 1);
                    }
                }
            }
        }
        return null;
    }

    @Test
    void overlayImagesArePinned() {
        for (Path k : Repo.yamlFilesUnder(K8S).stream().filter(KubernetesManifestsTest::isKustomization).toList()) {
            for (Object image : list(Repo.single(k).get("images"))) {
                String tag = str(at(image, "newTag"));
                assertTrue(at(image, "digest") != null || (tag != null && !tag.contains("latest")),
                        Repo.ROOT.relativize(k) + ": image " + at(image, "name") + " is not pinned");
            }
        }
    }

    /** kubectl kustomize renders each overlay, and the rendered result passes the same checks. */
    @Test
    void overlaysRenderAndStillPassTheChecks() throws Exception {
        Path kubectl = null;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "kubectl"))) {
                kubectl = Path.of(dir, "kubectl");
                break;
            }
        }
        Assumptions.assumeTrue(kubectl != null, "kubectl is not installed: rendering the overlays skipped");
        for (String overlay : List.of("dev", "production")) {
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", K8S + "/overlays/" + overlay)
                    .directory(Repo.ROOT.toFile()).redirectError(ProcessBuilder.Redirect.PIPE).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("kubectl kustomize did not finish");
            }
            assertEquals(0, process.exitValue(), "kubectl kustomize " + overlay + ":\n" + err);
            List<Map<String, Object>> docs = new ArrayList<>();
            Repo.yaml().loadAll(out).forEach(d -> docs.add(map(d)));
            assertEquals(4, ofKind(docs, "Deployment").size(), overlay);
            checkProbes(docs);
            checkResources(docs);
            checkAutoscalers(docs);
            checkEnvironment(docs, configMapKeys(docs, false));
        }
    }
}
