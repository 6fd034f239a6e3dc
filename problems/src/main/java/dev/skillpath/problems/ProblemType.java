package dev.skillpath.problems;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every kind of problem Skillpath answers with, gateway and services alike (RFC 9457
 * {@code application/problem+json}): one {@code type} URI, one title and one status per kind, so a client can
 * act on the type whichever component answered. The catalogue is listed in docs/api.md ("Problems").
 */
public enum ProblemType {

    // --- the request itself
    BAD_REQUEST(400, "Bad request", "bad-request"),
    VALIDATION(400, "Invalid request", "validation"),
    MALFORMED_BODY(400, "Malformed request body", "malformed-body"),
    UNAUTHENTICATED(401, "Unauthenticated", "unauthenticated"),
    INVALID_TOKEN(401, "Invalid token", "invalid-token"),
    FORBIDDEN(403, "Forbidden", "forbidden"),
    NOT_FOUND(404, "Not found", "not-found"),
    NO_ROUTE(404, "No route", "no-route"),
    METHOD_NOT_ALLOWED(405, "Method not allowed", "method-not-allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable", "not-acceptable"),
    REQUEST_TIMEOUT(408, "Request timeout", "request-timeout"),
    PAYLOAD_TOO_LARGE(413, "Content too large", "payload-too-large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type", "unsupported-media-type"),
    RATE_LIMITED(429, "Too many requests", "rate-limited"),

    // --- the state of things (409: conflicts with it; 422: names something unknown, or not ready)
    SLUG_TAKEN(409, "Slug taken", "slug-taken"),
    RETIRED_SKILL(409, "Skill retired", "retired-skill"),
    REQUIRES_CYCLE(409, "Cycle of requirements", "requires-cycle"),
    FIT_RUNNING(409, "Fit running", "fit-running"),
    QUIZ_RETIRED(409, "Quiz retired", "quiz-retired"),
    QUIZ_NOT_PUBLISHED(409, "Quiz not published", "quiz-not-published"),
    QUIZ_EMPTY(409, "Quiz empty", "quiz-empty"),
    ATTEMPT_LIMIT(409, "Attempt limit reached", "attempt-limit"),
    ATTEMPT_EXPIRED(409, "Attempt expired", "attempt-expired"),
    ATTEMPT_CLOSED(409, "Attempt closed", "attempt-closed"),
    PRACTICE_ENDED(409, "Practice session ended", "practice-ended"),
    ALREADY_ANSWERED(409, "Already answered", "already-answered"),
    ESTIMATES_NOT_KNOWN(409, "Estimates not known yet", "estimates-not-known"),
    FRONTIER_EMPTY(409, "Nothing on the frontier", "frontier-empty"),
    NO_REVIEWS_DUE(409, "No reviews due", "no-reviews-due"),
    UNKNOWN_SKILL(422, "Unknown skill", "unknown-skill"),
    UNKNOWN_CATEGORY(422, "Unknown category", "unknown-category"),
    UNKNOWN_QUESTION(422, "Unknown question", "unknown-question"),
    QUIZ_NOT_READY(422, "Quiz not ready", "quiz-not-ready"),

    // --- the system
    INTERNAL_ERROR(500, "Internal error", "internal-error"),
    BAD_GATEWAY(502, "Bad gateway", "bad-gateway"),
    SERVICE_UNAVAILABLE(503, "Service unavailable", "service-unavailable"),
    BUSY(503, "Service busy", "busy"),
    CIRCUIT_OPEN(503, "Circuit open", "circuit-open"),
    UPSTREAM_BUSY(503, "Upstream busy", "upstream-busy"),
    CATALOGUE_NOT_KNOWN(503, "Catalogue not known yet", "catalogue-not-known"),
    DEAD_LETTERS_UNAVAILABLE(503, "Dead letters unavailable", "dead-letters-unavailable"),
    GATEWAY_TIMEOUT(504, "Gateway timeout", "gateway-timeout");

    public static final String TYPE_BASE = "https://skillpath.dev/problems/";
    public static final String MEDIA_TYPE = "application/problem+json";

    private static final Map<String, ProblemType> BY_SLUG = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ProblemType::slug, Function.identity()));

    private final int status;
    private final String title;
    private final String slug;
    private final URI type;

    ProblemType(int status, String title, String slug) {
        this.status = status;
        this.title = title;
        this.slug = slug;
        this.type = URI.create(TYPE_BASE + slug);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The last segment of the type URI: {@code slug-taken}. */
    public String slug() {
        return slug;
    }

    /** {@code https://skillpath.dev/problems/<slug>}. */
    public URI type() {
        return type;
    }

    /** The kind a type URI or slug names, if it is one of ours. */
    public static Optional<ProblemType> of(String typeOrSlug) {
        if (typeOrSlug == null) {
            return Optional.empty();
        }
        String slug = typeOrSlug.startsWith(TYPE_BASE) ? typeOrSlug.substring(TYPE_BASE.length()) : typeOrSlug;
        return Optional.ofNullable(BY_SLUG.get(slug));
    }
}
