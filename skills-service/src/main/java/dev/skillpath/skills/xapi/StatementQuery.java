package dev.skillpath.skills.xapi;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.skillpath.platform.api.Problem.Violation;
import dev.skillpath.platform.api.ProblemException;
import dev.skillpath.platform.api.Uuids;

/**
 * The query of {@code GET /api/v1/xapi/statements}, read and checked: every parameter xAPI 1.0.3 defines that we
 * answer, plus the {@code cursor} our {@code more} links carry. Anything else is refused rather than ignored (a client
 * that asks for {@code related_activities=true} and silently gets less would draw wrong conclusions); every problem
 * of a query is reported at once, as the violations of one 400.
 *
 * @param learnerId    the {@code agent}'s account name; null when no agent was given
 * @param verb         the verb IRI, or null
 * @param activity     the object's activity IRI, or null
 * @param registration the registration, or null
 * @param since        only statements stored after this (exclusive), or null
 * @param until        only statements stored at or before this (inclusive), or null
 * @param limit        1..the server's maximum (0 and absent ask for the maximum)
 * @param ascending    oldest first when true; newest first, xAPI's default, otherwise
 * @param after        where the page starts: after this (stored, sequence) in the query's order; null on a first page
 * @param statementId  a single statement asked for; when set, only that parameter (and the version) is allowed
 * @param voided       whether {@code statementId} came as {@code voidedStatementId}
 */
public record StatementQuery(String learnerId, String verb, String activity, UUID registration, Instant since,
        Instant until, int limit, boolean ascending, Cursor after, UUID statementId, boolean voided) {

    /** The parameters of a statements query. */
    public static final Set<String> FILTERS = Set.of("agent", "verb", "activity", "registration", "since", "until",
            "limit", "ascending", "cursor");
    /** xAPI parameters we do not answer (docs/skills.md says why each). */
    public static final Set<String> UNSUPPORTED = Set.of("related_activities", "related_agents", "format",
            "attachments");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A place in the (stored, sequence) order: the last statement of the page before. */
    public record Cursor(Instant stored, long sequence) {

        /** {@code <microseconds since the epoch>.<sequence>}: opaque to a client, which only follows {@code more}. */
        public String token() {
            return ChronoUnit.MICROS.between(Instant.EPOCH, stored) + "." + sequence;
        }

        static Cursor parse(String token) {
            int dot = token.indexOf('.');
            if (dot <= 0 || dot == token.length() - 1 || !digits(token, 0, dot) || !digits(token, dot + 1, token.length())
                    || dot > 18 || token.length() - dot - 1 > 18) {
                return null;
            }
            long micros = Long.parseLong(token.substring(0, dot));
            return new Cursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), Long.parseLong(token.substring(dot + 1)));
        }

        private static boolean digits(String s, int from, int to) {
            for (int i = from; i < to; i++) {
                if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Reads a query's parameters (each name with its values, decoded). 400 ({@code validation}) with a violation per
     * bad parameter: an agent that is not JSON, not an Agent or not an account of {@code homePage}; a verb or
     * activity that is not an absolute IRI; a registration or statement id that is not a UUID; a date without its
     * offset; a limit below 0 or above {@code maxLimit}; an {@code ascending} that is not true or false; a cursor not
     * of our making; a parameter given twice; an unknown or unsupported parameter.
     */
    public static StatementQuery parse(Map<String, List<String>> params, String homePage, int maxLimit) {
        List<Violation> violations = new ArrayList<>();
        Map<String, String> one = new LinkedHashMap<>();
        Set<String> unknown = new TreeSet<>();
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            String name = p.getKey();
            List<String> values = p.getValue();
            if (UNSUPPORTED.contains(name)) {
                violations.add(new Violation(name, "is not supported by this LRS (docs/skills.md)"));
            } else if (!FILTERS.contains(name) && !name.equals("statementId") && !name.equals("voidedStatementId")) {
                unknown.add(name);
            } else if (values.size() != 1) {
                violations.add(new Violation(name, "must be given once"));
            } else {
                one.put(name, values.get(0));
            }
        }
        for (String name : unknown) {
            violations.add(new Violation(name, "is not a parameter of this resource"));
        }
        String single = one.containsKey("statementId") ? "statementId" : one.containsKey("voidedStatementId")
                ? "voidedStatementId" : null;
        if (single != null) {
            for (String name : one.keySet()) {
                if (!name.equals(single)) {
                    violations.add(new Violation(name, "cannot be combined with " + single));
                }
            }
            UUID id = Uuids.parse(one.get(single)).orElse(null);
            if (id == null) {
                violations.add(new Violation(single, "must be a UUID"));
            }
            fail(violations);
            return new StatementQuery(null, null, null, null, null, null, 0, false, null, id,
                    single.equals("voidedStatementId"));
        }
        String learner = one.containsKey("agent") ? agent(one.get("agent"), homePage, violations) : null;
        String verb = iri(one, "verb", violations);
        String activity = iri(one, "activity", violations);
        UUID registration = null;
        if (one.containsKey("registration")) {
            registration = Uuids.parse(one.get("registration")).orElse(null);
            if (registration == null) {
                violations.add(new Violation("registration", "must be a UUID"));
            }
        }
        Instant since = instant(one, "since", violations);
        Instant until = instant(one, "until", violations);
        int limit = maxLimit;
        if (one.containsKey("limit")) {
            String raw = one.get("limit");
            Integer n = raw.matches("-?[0-9]{1,9}") ? Integer.valueOf(raw) : null;
            if (n == null || n < 0 || n > maxLimit) {
                violations.add(new Violation("limit", "must be a whole number from 0 (the server's maximum) to " + maxLimit));
            } else if (n > 0) {
                limit = n;
            }
        }
        boolean ascending = false;
        if (one.containsKey("ascending")) {
            String raw = one.get("ascending");
            if (raw.equals("true") || raw.equals("false")) {
                ascending = raw.equals("true");
            } else {
                violations.add(new Violation("ascending", "must be true or false"));
            }
        }
        Cursor after = null;
        if (one.containsKey("cursor")) {
            after = Cursor.parse(one.get("cursor"));
            if (after == null) {
                violations.add(new Violation("cursor", "is not one of this server's more links"));
            }
        }
        fail(violations);
        return new StatementQuery(learner, verb, activity, registration, since, until, limit, ascending, after, null,
                false);
    }

    /**
     * The {@code more} link of a page that ended at {@code last}: this query again, from after {@code last}. Relative
     * to the server, as xAPI asks, and the path the gateway routes too.
     */
    public static String more(String path, Map<String, List<String>> params, Cursor last) {
        StringBuilder url = new StringBuilder(path).append('?');
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            if (!p.getKey().equals("cursor")) {
                for (String v : p.getValue()) {
                    url.append(encode(p.getKey())).append('=').append(encode(v)).append('&');
                }
            }
        }
        return url.append("cursor=").append(last.token()).toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The learner an {@code agent} parameter names. Skillpath's actors are accounts of the home page, so an agent
     * is accepted only as {@code {"objectType": "Agent", "account": {"homePage": <ours>, "name": <learner>}}}
     * ({@code objectType} may be left out): an mbox, an openid, a Group or another system's account names nobody here,
     * and saying so beats an empty answer that looks like "no records".
     */
    static String agent(String raw, String homePage, List<Violation> violations) {
        JsonNode agent;
        try {
            agent = JSON.readTree(raw);
        } catch (Exception e) {
            agent = null;
        }
        if (agent == null || !agent.isObject()) {
            violations.add(new Violation("agent", "must be an Agent as a JSON object"));
            return null;
        }
        JsonNode type = agent.get("objectType");
        if (type != null && !"Agent".equals(type.asText())) {
            violations.add(new Violation("agent", "must be an Agent (objectType Agent), not " + type));
            return null;
        }
        for (String ifi : List.of("mbox", "mbox_sha1sum", "openid")) {
            if (agent.has(ifi)) {
                violations.add(new Violation("agent", "must be identified by its account; learners here have no " + ifi));
                return null;
            }
        }
        JsonNode account = agent.get("account");
        if (account == null || !account.isObject() || !account.path("homePage").isTextual()
                || !account.path("name").isTextual() || account.path("name").asText().isBlank()) {
            violations.add(new Violation("agent", "must have an account with a homePage and a name"));
            return null;
        }
        if (!homePage.equals(account.get("homePage").asText())) {
            violations.add(new Violation("agent", "must be an account of " + homePage));
            return null;
        }
        for (Iterator<String> names = agent.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!Set.of("objectType", "account", "name").contains(name)) {
                violations.add(new Violation("agent", "has a property an Agent does not have: " + name));
                return null;
            }
        }
        return account.get("name").asText();
    }

    private static String iri(Map<String, String> one, String name, List<Violation> violations) {
        String raw = one.get(name);
        if (raw != null && !XapiIris.isAbsoluteIri(raw)) {
            violations.add(new Violation(name, "must be an absolute IRI"));
            return null;
        }
        return raw;
    }

    /** An ISO 8601 timestamp with its offset ({@code Z} or {@code +hh:mm}): a time without one names no instant. */
    private static Instant instant(Map<String, String> one, String name, List<Violation> violations) {
        String raw = one.get(name);
        if (raw == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            violations.add(new Violation(name, "must be an ISO 8601 timestamp with an offset, e.g. 2026-01-31T12:00:00Z"));
            return null;
        }
    }

    private static void fail(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("The statements query is not valid.", violations);
        }
    }
}
