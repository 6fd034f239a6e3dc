package dev.skillpath.opschecks;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The repository under test: its root, its services, and YAML and pom reading that every check shares. */
final class Repo {

    /** The four deployable services and the port each listens on (README's port table). */
    static final Map<String, Integer> SERVICES = Map.of(
            "gateway", 8080, "content-service", 8081, "skills-service", 8082, "quiz-service", 8083);

    /** The services with a database and a Kafka client, and the database each owns. */
    static final Map<String, String> DATABASES = Map.of(
            "content-service", "content", "skills-service", "skills", "quiz-service", "quiz");

    /** The only health endpoints a probe or health check may call. */
    static final List<String> HEALTH_PATHS = List.of("/q/health/live", "/q/health/ready");

    static final Path ROOT = locateRoot();

    private Repo() {
    }

    private static Path locateRoot() {
        String configured = System.getProperty("skillpath.repo.root");
        Path start = (configured != null ? Path.of(configured) : Path.of("..")).toAbsolutePath().normalize();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw")) && Files.isRegularFile(p.resolve("docker-compose.yml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root (mvnw + docker-compose.yml) at or above " + start);
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A strict YAML reader: safe types only, duplicate keys are an error, merge keys ({@code <<}) resolved. */
    static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options));
    }

    /** Every non-empty document of a (multi-document) YAML file. */
    static List<Object> documents(Path file) {
        List<Object> docs = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object doc : yaml().loadAll(reader)) {
                if (doc != null) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new AssertionError(ROOT.relativize(file) + " is not valid YAML: " + e.getMessage(), e);
        }
        return docs;
    }

    static Map<String, Object> single(Path file) {
        List<Object> docs = documents(file);
        if (docs.size() != 1 || !(docs.get(0) instanceof Map)) {
            throw new AssertionError(ROOT.relativize(file) + " should hold one YAML mapping");
        }
        return map(docs.get(0));
    }

    static List<Path> yamlFilesUnder(String folder) {
        try (Stream<Path> files = Files.walk(path(folder))) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        if (o == null) {
            return Map.of();
        }
        if (!(o instanceof Map)) {
            throw new AssertionError("expected a mapping, found: " + o);
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        if (o == null) {
            return List.of();
        }
        if (!(o instanceof List)) {
            throw new AssertionError("expected a list, found: " + o);
        }
        return (List<Object>) o;
    }

    /** Follows keys through nested mappings; null when any step is missing. */
    static Object at(Object root, String... keys) {
        Object current = root;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    /** A property of the parent pom, e.g. kafka.version. */
    static String parentPomProperty(String name) {
        Element properties = (Element) pom(path("pom.xml")).getElementsByTagName("properties").item(0);
        NodeList values = properties.getElementsByTagName(name);
        return Objects.requireNonNull(values.item(0), name + " in the parent pom").getTextContent().trim();
    }

    /** The reactor modules (artifactId = folder) a module depends on outside test scope, transitively. */
    static List<String> skillpathDependencies(String module) {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        collectDependencies(module, seen);
        seen.remove(module);
        return List.copyOf(seen.keySet());
    }

    private static void collectDependencies(String module, Map<String, Boolean> seen) {
        if (seen.put(module, true) != null) {
            return;
        }
        Path pomFile = path(module).resolve("pom.xml");
        if (!Files.isRegularFile(pomFile)) {
            return;
        }
        Element project = pom(pomFile).getDocumentElement();
        NodeList dependencies = project.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            if (dependency.getParentNode().getParentNode() != project) {
                continue; // dependencyManagement or a plugin's dependencies
            }
            String group = text(dependency, "groupId");
            String artifact = text(dependency, "artifactId");
            String scope = text(dependency, "scope");
            if ("dev.skillpath".equals(group) && !"test".equals(scope) && Files.isDirectory(path(artifact))) {
                collectDependencies(artifact, seen);
            }
        }
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }

    private static org.w3c.dom.Document pom(Path file) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
