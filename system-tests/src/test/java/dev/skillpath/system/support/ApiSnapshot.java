package dev.skillpath.system.support;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code docs/openapi.json}: the gateway's merged OpenAPI document, committed so that a client can be generated from
 * it at build time (system-tests generates one with openapi-generator before compiling its tests). It is a copy of
 * what the running system serves at {@code /openapi}, never edited by hand: {@code GeneratedClientSystemTest} fails
 * when the live document differs from it, and writes the live one where it can be copied from.
 */
public final class ApiSnapshot {

    /** The snapshot, relative to the repository. */
    public static final String FILE = "docs/openapi.json";

    private ApiSnapshot() {
    }

    public static Path file() {
        return Path.of(System.getProperty("skillpath.repo.root", "..")).resolve(FILE).toAbsolutePath().normalize();
    }

    public static JsonNode read(Path file) {
        try {
            return Http.JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    public static void write(Path file, JsonNode document) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text(document), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }

    /** The document as the snapshot keeps it: keys in the order served, two spaces a level, a final newline. */
    public static String text(JsonNode document) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER).withObjectEmptySeparator("")
                .withArrayEmptySeparator(""))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = Http.JSON.createGenerator(out)) {
            generator.setPrettyPrinter(printer);
            Http.JSON.writeTree(generator, document);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out + "\n";
    }

    /**
     * Where two documents differ, as JSON pointers ({@code /paths/~1api~1v1~1skills/get/responses/404}), at most
     * {@code max}; the order of an object's keys does not count, the order of an array's items does.
     */
    public static List<String> differences(JsonNode expected, JsonNode actual, int max) {
        List<String> out = new ArrayList<>();
        differences("", expected, actual, out, max);
        return out;
    }

    private static void differences(String pointer, JsonNode expected, JsonNode actual, List<String> out, int max) {
        if (out.size() >= max || expected.equals(actual)) {
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            expected.fieldNames().forEachRemaining(keys::add);
            actual.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                String at = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
                if (!expected.has(key)) {
                    add(out, max, at + " (only in the live document)");
                } else if (!actual.has(key)) {
                    add(out, max, at + " (only in the snapshot)");
                } else {
                    differences(at, expected.get(key), actual.get(key), out, max);
                }
            }
            return;
        }
        if (expected.isArray() && actual.isArray()) {
            Iterator<JsonNode> e = expected.elements();
            Iterator<JsonNode> a = actual.elements();
            for (int i = 0; e.hasNext() && a.hasNext(); i++) {
                differences(pointer + "/" + i, e.next(), a.next(), out, max);
            }
            if (expected.size() != actual.size()) {
                add(out, max, where(pointer) + " (" + expected.size() + " items in the snapshot, " + actual.size() + " live)");
            }
            return;
        }
        add(out, max, where(pointer) + " (snapshot " + abbreviated(expected) + ", live " + abbreviated(actual) + ")");
    }

    private static void add(List<String> out, int max, String difference) {
        if (out.size() < max) {
            out.add(difference);
        }
    }

    private static String where(String pointer) {
        return pointer.isEmpty() ? "(the whole document)" : pointer;
    }

    private static String abbreviated(JsonNode node) {
        String s = node.toString();
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
