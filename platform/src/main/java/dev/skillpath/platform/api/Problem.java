package dev.skillpath.platform.api;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

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

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://skillpath.dev/problems/";

    /** One invalid field: where it is (e.g. {@code name}, {@code relations[2].type}) and what is wrong. */
    public record Violation(String field, String message) {
    }

    public static URI type(String slug) {
        return slug == null ? URI.create("about:blank") : URI.create(TYPE_BASE + slug);
    }
}
