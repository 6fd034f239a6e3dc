package dev.skillpath.opschecks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which environment variables each service reads: the {@code ${VAR...}} expressions in its own
 * {@code application.properties} and in the {@code META-INF/microprofile-config.properties} of every Skillpath
 * module it depends on (found from the poms), plus the documented allow-list
 * ({@code environment-allow-list.txt}) for what Quarkus, the JVM or a {@code @ConfigMapping} reads, and for the
 * agreed contract that is still being wired into the services.
 */
final class EnvironmentContract {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

    /** A variable, where it was found ("application.properties of ...", or "allow-list: reason"). */
    record Source(String variable, String where) {
    }

    private final Map<String, Map<String, String>> readBy = new TreeMap<>();

    private EnvironmentContract() {
    }

    static EnvironmentContract load() {
        EnvironmentContract contract = new EnvironmentContract();
        for (String service : Repo.SERVICES.keySet()) {
            Map<String, String> vars = new TreeMap<>();
            List<Path> files = new ArrayList<>();
            files.add(Repo.path(service).resolve("src/main/resources/application.properties"));
            for (String module : Repo.skillpathDependencies(service)) {
                files.add(Repo.path(module).resolve("src/main/resources/META-INF/microprofile-config.properties"));
                files.add(Repo.path(module).resolve("src/main/resources/application.properties"));
            }
            for (Path file : files) {
                if (Files.isRegularFile(file)) {
                    Matcher m = EXPRESSION.matcher(Repo.read(file));
                    while (m.find()) {
                        vars.putIfAbsent(m.group(1), "${" + m.group(1) + "} in " + Repo.ROOT.relativize(file));
                    }
                }
            }
            contract.readBy.put(service, vars);
        }
        for (String[] entry : allowList()) {
            for (String service : servicesOf(entry[1])) {
                contract.readBy.get(service).putIfAbsent(entry[0], "allow-list: " + entry[2]);
            }
        }
        return contract;
    }

    /** Lines of the allow-list as {name, services, reason}. */
    static List<String[]> allowList() {
        List<String[]> entries = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(
                EnvironmentContract.class.getResourceAsStream("/environment-allow-list.txt"))) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] parts = trimmed.split("\\s+", 3);
                if (parts.length < 3) {
                    throw new IllegalStateException("allow-list line needs NAME SERVICES reason: " + line);
                }
                entries.add(parts);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private static Set<String> servicesOf(String spec) {
        return switch (spec) {
            case "all" -> Repo.SERVICES.keySet();
            case "data" -> Repo.DATABASES.keySet();
            default -> {
                Set<String> services = new TreeSet<>(List.of(spec.split(",")));
                for (String s : services) {
                    if (!Repo.SERVICES.containsKey(s)) {
                        throw new IllegalStateException("allow-list names an unknown service: " + s);
                    }
                }
                yield services;
            }
        };
    }

    boolean reads(String service, String variable) {
        return readBy.get(service).containsKey(variable);
    }

    /** Variables a service reads, with where each was found. */
    Map<String, String> of(String service) {
        return readBy.get(service);
    }
}
