package dev.skillpath.skills.xapi;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The xAPI 1.0.3 statement rules our statements must keep, checked by hand (no xAPI library: the point is a check
 * that does not share the code it checks). Written from the specification's "Statement" section, limited to the
 * shapes Skillpath makes (an Agent actor, an Activity object), which it checks strictly:
 * <ul>
 * <li>only the statement's defined properties; {@code id}, {@code actor}, {@code verb}, {@code object} present;</li>
 * <li>{@code id} a UUID in its standard string form (RFC 4122 variant);</li>
 * <li>the actor an Agent with exactly one identifier, and an {@code account} has a {@code homePage} IRI and a
 *     {@code name};</li>
 * <li>the verb's {@code id} an absolute IRI, its {@code display} a language map;</li>
 * <li>the object an Activity with an absolute IRI {@code id}; its definition's {@code type} an IRI and its
 *     {@code interactionType} one of cmi.interaction's;</li>
 * <li>{@code result.score.scaled} in [-1, 1], {@code raw} in [{@code min}, {@code max}], {@code min} ≤ {@code max};
 *     {@code success} and {@code completion} booleans; extension keys IRIs;</li>
 * <li>{@code context.registration} a UUID; each {@code contextActivities} value an array of Activities with IRI ids,
 *     under {@code parent}, {@code grouping}, {@code category} or {@code other}; extension keys IRIs;</li>
 * <li>{@code timestamp} and {@code stored} ISO 8601 timestamps with an offset; {@code version} 1.0.x;
 *     {@code authority} an Agent.</li>
 * </ul>
 */
public final class XapiStatementRules {

    private static final Set<String> STATEMENT = Set.of("id", "actor", "verb", "object", "result", "context",
            "timestamp", "stored", "authority", "version", "attachments");
    private static final Set<String> INTERACTION_TYPES = Set.of("true-false", "choice", "fill-in", "long-fill-in",
            "matching", "performance", "sequencing", "likert", "numeric", "other");
    private static final Set<String> CONTEXT_ACTIVITIES = Set.of("parent", "grouping", "category", "other");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}");
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*");

    private XapiStatementRules() {
    }

    /** What the statement breaks, one line per rule broken; empty when it keeps them all. */
    public static List<String> violations(JsonNode statement) {
        List<String> out = new ArrayList<>();
        if (statement == null || !statement.isObject()) {
            out.add("a statement is a JSON object");
            return out;
        }
        onlyKnown(statement, STATEMENT, "statement", out);
        for (String required : List.of("id", "actor", "verb", "object")) {
            if (!statement.has(required)) {
                out.add(required + " is required");
            }
        }
        if (statement.has("id")) {
            uuid(statement.get("id"), "id", out);
        }
        if (statement.has("actor")) {
            agent(statement.get("actor"), "actor", out);
        }
        if (statement.has("verb")) {
            verb(statement.get("verb"), out);
        }
        if (statement.has("object")) {
            activity(statement.get("object"), "object", out);
        }
        if (statement.has("result")) {
            result(statement.get("result"), out);
        }
        if (statement.has("context")) {
            context(statement.get("context"), out);
        }
        for (String time : List.of("timestamp", "stored")) {
            if (statement.has(time)) {
                timestamp(statement.get(time), time, out);
            }
        }
        if (statement.has("authority")) {
            agent(statement.get("authority"), "authority", out);
        }
        if (statement.has("version") && !statement.get("version").asText().matches("1\\.0\\.[0-9]+")) {
            out.add("version must be 1.0.x, not " + statement.get("version"));
        }
        return out;
    }

    private static void agent(JsonNode agent, String where, List<String> out) {
        if (!agent.isObject()) {
            out.add(where + " must be an object");
            return;
        }
        onlyKnown(agent, Set.of("objectType", "name", "mbox", "mbox_sha1sum", "openid", "account"), where, out);
        if (agent.has("objectType") && !"Agent".equals(agent.get("objectType").asText())) {
            out.add(where + ".objectType must be Agent");
        }
        int ifis = 0;
        for (String ifi : List.of("mbox", "mbox_sha1sum", "openid", "account")) {
            ifis += agent.has(ifi) ? 1 : 0;
        }
        if (ifis != 1) {
            out.add(where + " must have exactly one identifier, has " + ifis);
        }
        if (agent.has("account")) {
            JsonNode account = agent.get("account");
            onlyKnown(account, Set.of("homePage", "name"), where + ".account", out);
            if (!isAbsoluteIri(account.get("homePage"))) {
                out.add(where + ".account.homePage must be an absolute IRI");
            }
            if (account.get("name") == null || !account.get("name").isTextual() || account.get("name").asText().isEmpty()) {
                out.add(where + ".account.name must be a string");
            }
        }
    }

    private static void verb(JsonNode verb, List<String> out) {
        onlyKnown(verb, Set.of("id", "display"), "verb", out);
        if (!isAbsoluteIri(verb.get("id"))) {
            out.add("verb.id must be an absolute IRI");
        }
        if (!verb.has("display")) {
            out.add("verb.display is required here (a language map)");
        } else {
            languageMap(verb.get("display"), "verb.display", out);
        }
    }

    private static void activity(JsonNode activity, String where, List<String> out) {
        if (activity == null || !activity.isObject()) {
            out.add(where + " must be an Activity object");
            return;
        }
        onlyKnown(activity, Set.of("objectType", "id", "definition"), where, out);
        if (activity.has("objectType") && !"Activity".equals(activity.get("objectType").asText())) {
            out.add(where + ".objectType must be Activity");
        }
        if (!isAbsoluteIri(activity.get("id"))) {
            out.add(where + ".id must be an absolute IRI");
        }
        JsonNode definition = activity.get("definition");
        if (definition != null) {
            onlyKnown(definition, Set.of("name", "description", "type", "moreInfo", "interactionType",
                    "correctResponsesPattern", "choices", "scale", "source", "target", "steps", "extensions"),
                    where + ".definition", out);
            if (definition.has("type") && !isAbsoluteIri(definition.get("type"))) {
                out.add(where + ".definition.type must be an absolute IRI");
            }
            if (definition.has("interactionType")
                    && !INTERACTION_TYPES.contains(definition.get("interactionType").asText())) {
                out.add(where + ".definition.interactionType is not an interaction type: "
                        + definition.get("interactionType"));
            }
            for (String map : List.of("name", "description")) {
                if (definition.has(map)) {
                    languageMap(definition.get(map), where + ".definition." + map, out);
                }
            }
        }
    }

    private static void result(JsonNode result, List<String> out) {
        onlyKnown(result, Set.of("score", "success", "completion", "response", "duration", "extensions"), "result", out);
        for (String flag : List.of("success", "completion")) {
            if (result.has(flag) && !result.get(flag).isBoolean()) {
                out.add("result." + flag + " must be a boolean");
            }
        }
        JsonNode score = result.get("score");
        if (score != null) {
            onlyKnown(score, Set.of("scaled", "raw", "min", "max"), "result.score", out);
            for (String n : List.of("scaled", "raw", "min", "max")) {
                if (score.has(n) && !score.get(n).isNumber()) {
                    out.add("result.score." + n + " must be a number");
                }
            }
            if (score.has("scaled") && (score.get("scaled").asDouble() < -1 || score.get("scaled").asDouble() > 1)) {
                out.add("result.score.scaled must be within [-1, 1], is " + score.get("scaled"));
            }
            double min = score.has("min") ? score.get("min").asDouble() : Double.NEGATIVE_INFINITY;
            double max = score.has("max") ? score.get("max").asDouble() : Double.POSITIVE_INFINITY;
            if (min > max) {
                out.add("result.score.min must not be above max");
            }
            if (score.has("raw") && (score.get("raw").asDouble() < min || score.get("raw").asDouble() > max)) {
                out.add("result.score.raw must be within [min, max], is " + score.get("raw"));
            }
        }
        if (result.has("extensions")) {
            extensions(result.get("extensions"), "result.extensions", out);
        }
    }

    private static void context(JsonNode context, List<String> out) {
        onlyKnown(context, Set.of("registration", "instructor", "team", "contextActivities", "revision", "platform",
                "language", "statement", "extensions"), "context", out);
        if (context.has("registration")) {
            uuid(context.get("registration"), "context.registration", out);
        }
        JsonNode activities = context.get("contextActivities");
        if (activities != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = activities.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String where = "context.contextActivities." + e.getKey();
                if (!CONTEXT_ACTIVITIES.contains(e.getKey())) {
                    out.add(where + " is not a kind of context activity");
                }
                if (!e.getValue().isArray()) {
                    out.add(where + " must be an array");
                    continue;
                }
                for (int i = 0; i < e.getValue().size(); i++) {
                    activity(e.getValue().get(i), where + "[" + i + "]", out);
                }
            }
        }
        if (context.has("platform") && !context.get("platform").isTextual()) {
            out.add("context.platform must be a string");
        }
        if (context.has("extensions")) {
            extensions(context.get("extensions"), "context.extensions", out);
        }
    }

    private static void extensions(JsonNode extensions, String where, List<String> out) {
        if (!extensions.isObject()) {
            out.add(where + " must be an object");
            return;
        }
        extensions.fieldNames().forEachRemaining(key -> {
            if (!isAbsoluteIri(key)) {
                out.add(where + " key " + key + " must be an absolute IRI");
            }
        });
    }

    private static void languageMap(JsonNode map, String where, List<String> out) {
        if (!map.isObject() || map.isEmpty()) {
            out.add(where + " must be a language map with at least one entry");
            return;
        }
        map.fields().forEachRemaining(e -> {
            if (!LANGUAGE_TAG.matcher(e.getKey()).matches()) {
                out.add(where + " key " + e.getKey() + " is not a language tag");
            }
            if (!e.getValue().isTextual()) {
                out.add(where + "." + e.getKey() + " must be a string");
            }
        });
    }

    private static void uuid(JsonNode id, String where, List<String> out) {
        if (id == null || !id.isTextual() || !UUID.matcher(id.asText()).matches()) {
            out.add(where + " must be a UUID, is " + id);
        }
    }

    private static void timestamp(JsonNode time, String where, List<String> out) {
        try {
            OffsetDateTime.parse(time.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            out.add(where + " must be an ISO 8601 timestamp with an offset, is " + time);
        }
        if (!time.isTextual()) {
            out.add(where + " must be a string");
        }
    }

    private static void onlyKnown(JsonNode node, Set<String> known, String where, List<String> out) {
        if (!node.isObject()) {
            out.add(where + " must be an object");
            return;
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                out.add(where + " has an undefined property " + name);
            }
        });
    }

    private static boolean isAbsoluteIri(JsonNode iri) {
        return iri != null && iri.isTextual() && isAbsoluteIri(iri.asText());
    }

    /** Absolute: a scheme, then no whitespace; the syntax by {@link URI} on the ASCII part (non-ASCII is allowed). */
    private static boolean isAbsoluteIri(String iri) {
        if (iri.isEmpty() || iri.chars().anyMatch(c -> c <= ' ')) {
            return false;
        }
        try {
            URI uri = new URI(iri.codePoints().map(c -> c < 0x80 ? c : 'x')
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
            return uri.isAbsolute() && uri.getScheme().matches("[a-zA-Z][a-zA-Z0-9+.-]*");
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
