package dev.skillpath.platform.api;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.skillpath.problems.ProblemType;

/**
 * An RFC 9457 problem detail, the body of every error answer ({@code application/problem+json}).
 *
 * @param type       a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param title      a short summary of the kind of problem
 * @param status     the HTTP status
 * @param detail     what went wrong with this request, for a person
 * @param instance   the request path
 * @param violations the fields that failed validation, when there are any
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, List<Violation> violations) {

    public static final String MEDIA_TYPE = ProblemType.MEDIA_TYPE;

    /** One invalid field: where it is (e.g. {@code name}, {@code relations[2].type}) and what is wrong. */
    public record Violation(String field, String message) {
    }

    /** A problem of a kind of the shared vocabulary: its type URI, title and status. */
    public static Problem of(ProblemType kind, String detail, String instance, List<Violation> violations) {
        return new Problem(kind.type(), kind.title(), kind.status(), detail, instance,
                violations == null ? List.of() : List.copyOf(violations));
    }

    /** A status the vocabulary has no kind for: {@code about:blank}, titled by the status's reason phrase. */
    public static Problem blank(int status, String title, String detail, String instance) {
        return new Problem(URI.create("about:blank"), title, status, detail, instance, List.of());
    }
}
