package dev.skillpath.platform.api;

import java.util.List;

import dev.skillpath.problems.ProblemType;

/**
 * Thrown by a service to answer with a problem of the shared vocabulary ({@link ProblemType}): the mapper turns it
 * into an {@code application/problem+json} response with the kind's status, and the transaction it ends is rolled
 * back.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType kind;
    private final List<Problem.Violation> violations;

    public ProblemException(ProblemType kind, String detail, List<Problem.Violation> violations) {
        super(detail);
        this.kind = kind;
        this.violations = violations == null ? List.of() : List.copyOf(violations);
    }

    public ProblemException(ProblemType kind, String detail) {
        this(kind, detail, List.of());
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(ProblemType.NOT_FOUND, detail);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(ProblemType.BAD_REQUEST, detail);
    }

    public static ProblemException invalid(String detail, List<Problem.Violation> violations) {
        return new ProblemException(ProblemType.VALIDATION, detail, violations);
    }

    /** A 409: the request conflicts with the current state. */
    public static ProblemException conflict(ProblemType kind, String detail) {
        return new ProblemException(expect(kind, 409), detail);
    }

    /** A 422: the request names something unknown, or something not ready for it. */
    public static ProblemException unprocessable(ProblemType kind, String detail, List<Problem.Violation> violations) {
        return new ProblemException(expect(kind, 422), detail, violations);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(ProblemType.FORBIDDEN, detail);
    }

    private static ProblemType expect(ProblemType kind, int status) {
        if (kind.status() != status) {
            throw new IllegalArgumentException(kind + " is a " + kind.status() + ", not a " + status);
        }
        return kind;
    }

    public int status() {
        return kind.status();
    }

    public ProblemType kind() {
        return kind;
    }

    public Problem toProblem(String instance) {
        return Problem.of(kind, getMessage(), instance, violations);
    }
}
