package dev.skillpath.platform.api;

import java.util.List;

/**
 * Thrown by a service to answer with a problem: the mapper turns it into an {@code application/problem+json}
 * response with this status, and the transaction it ends is rolled back.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String typeSlug;
    private final String title;
    private final List<Problem.Violation> violations;

    public ProblemException(int status, String typeSlug, String title, String detail, List<Problem.Violation> violations) {
        super(detail);
        this.status = status;
        this.typeSlug = typeSlug;
        this.title = title;
        this.violations = violations == null ? List.of() : List.copyOf(violations);
    }

    public ProblemException(int status, String typeSlug, String title, String detail) {
        this(status, typeSlug, title, detail, List.of());
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "not-found", "Not found", detail);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "bad-request", "Bad request", detail);
    }

    public static ProblemException invalid(String detail, List<Problem.Violation> violations) {
        return new ProblemException(400, "validation", "Invalid request", detail, violations);
    }

    public static ProblemException conflict(String typeSlug, String detail) {
        return new ProblemException(409, typeSlug, "Conflict", detail);
    }

    public static ProblemException unprocessable(String typeSlug, String detail, List<Problem.Violation> violations) {
        return new ProblemException(422, typeSlug, "Unprocessable content", detail, violations);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }

    public int status() {
        return status;
    }

    public Problem toProblem(String instance) {
        return new Problem(Problem.type(typeSlug), title, status, getMessage(), instance, violations);
    }
}
