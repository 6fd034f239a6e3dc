package dev.skillpath.opschecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

/**
 * deploy/kubernetes read into the real object models: the fabric8 Kubernetes model for the built-in kinds and
 * Strimzi's own API classes for its custom resources. Both keep a field they do not know in
 * {@code additionalProperties} instead of failing, so the test walks every object read and fails on any such field
 * (a misspelt {@code replica:}, a field at the wrong level), and Jackson fails on a value of the wrong type.
 * CloudNativePG publishes no Java model on Maven Central and its CRD schemas cannot be fetched here: its three
 * kinds are checked by the hand-written assertions of {@link KubernetesManifestsTest} only.
 */
class KubernetesSchemaTest {

    private static final Map<String, Class<?>> MODELS = Map.of(
            "apps/v1/Deployment", Deployment.class,
            "v1/Service", Service.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "kafka.strimzi.io/v1beta2/Kafka", Kafka.class,
            "kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class,
            "kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class);

    /** Kinds without a published model here (see the class comment); kustomize's own file is not a resource. */
    private static final Set<String> UNMODELLED = Set.of("postgresql.cnpg.io/v1/Cluster",
            "postgresql.cnpg.io/v1/ScheduledBackup", "barmancloud.cnpg.io/v1/ObjectStore",
            "kustomize.config.k8s.io/v1beta1/Kustomization");

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    @Test
    void everyManifestReadsIntoItsModelWithoutAFieldTheModelDoesNotKnow() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path file : Repo.yamlFilesUnder(KubernetesManifestsTest.K8S)) {
            for (Object raw : Repo.documents(file)) {
                Map<String, Object> doc = Repo.map(raw);
                String kind = doc.get("apiVersion") + "/" + doc.get("kind");
                String where = Repo.ROOT.relativize(file) + " " + kind + " " + Repo.at(doc, "metadata", "name");
                Class<?> model = MODELS.get(kind);
                if (model == null) {
                    if (!UNMODELLED.contains(kind)) {
                        problems.add(where + ": no model for this kind; add it to MODELS (or, with a reason, UNMODELLED)");
                    }
                    continue;
                }
                try {
                    Object resource = MAPPER.convertValue(doc, model);
                    unknownFields(resource, where, problems);
                    checked++;
                } catch (IllegalArgumentException e) {
                    problems.add(where + ": " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(checked >= 18, "the base's Deployments, Services, HPAs, PDBs and Strimzi resources were read: " + checked);
    }

    @Test
    void aMisspeltOrMisplacedFieldOrAWrongTypeIsFound() {
        Map<String, Object> deployment = Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", Map.of("name", "x"),
                "spec", Map.of("replica", 2, "template", Map.of("spec", Map.of("containers",
                        List.of(Map.of("name", "c", "image", "i", "livenessProbe", Map.of("httpGet",
                                Map.of("path", "/q/health/live", "prot", 8080))))))));
        List<String> problems = new ArrayList<>();
        unknownFields(MAPPER.convertValue(deployment, Deployment.class), "test", problems);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.endsWith(" spec: unknown field(s) [replica]")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.endsWith("livenessProbe.httpGet: unknown field(s) [prot]")),
                problems.toString());

        Map<String, Object> topic = Map.of("apiVersion", "kafka.strimzi.io/v1beta2", "kind", "KafkaTopic",
                "metadata", Map.of("name", "t"), "spec", Map.of("partitions", 3, "replicas", 3, "retention", "7d"));
        problems.clear();
        unknownFields(MAPPER.convertValue(topic, KafkaTopic.class), "test", problems);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("[retention]"), "Strimzi's classes too: " + problems);

        Map<String, Object> wrongType = Map.of("apiVersion", "v1", "kind", "Service", "metadata", Map.of("name", "s"),
                "spec", Map.of("ports", "8080"));
        try {
            MAPPER.convertValue(wrongType, Service.class);
            throw new AssertionError("a list given as a string is read");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("ports"), expected.getMessage());
        }
    }

    /** Walks the object graph read from a manifest and records every non-empty {@code additionalProperties}. */
    private static void unknownFields(Object resource, String where, List<String> problems) {
        walk(resource, "", where, problems, new IdentityHashMap<>(), 0);
    }

    private static void walk(Object o, String path, String where, List<String> problems, Map<Object, Boolean> seen,
            int depth) {
        if (o == null || depth > 40 || !isModel(o.getClass()) || seen.put(o, true) != null) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(o);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            String field = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
            if (m.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(where + " " + (path.isEmpty() ? "(top)" : path) + ": unknown field(s) "
                            + new java.util.TreeSet<>(extra.keySet().stream().map(String::valueOf).toList()));
                }
                continue;
            }
            String next = path.isEmpty() ? field : path + "." + field;
            if (value instanceof Collection<?> items) {
                int i = 0;
                for (Object item : items) {
                    walk(item, next + "[" + i++ + "]", where, problems, seen, depth + 1);
                }
            } else if (value instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    walk(e.getValue(), next + "." + e.getKey(), where, problems, seen, depth + 1);
                }
            } else {
                walk(value, next, where, problems, seen, depth + 1);
            }
        }
    }

    private static boolean isModel(Class<?> type) {
        String name = type.getName();
        return !type.isEnum() && (name.startsWith("io.fabric8.kubernetes.api.model") || name.startsWith("io.strimzi.api"));
    }
}
