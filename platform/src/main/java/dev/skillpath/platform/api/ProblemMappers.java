package dev.skillpath.platform.api;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.skillpath.events.consumer.DatabaseFailures;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

import dev.skillpath.problems.ProblemType;

/**
 * Turns every error into an RFC 9457 {@code application/problem+json} answer, the same shape in every
 * service: validation and JSON errors become 400 with the fields named, security errors 401/403, an
 * unreachable database 503, and anything unexpected a 500 that names an error id but never a stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            violations.add(new Problem.Violation(field(v.getPropertyPath()), v.getMessage()));
        }
        violations.sort((a, b) -> a.field().compareTo(b.field()));
        return respond(Problem.of(ProblemType.VALIDATION,
                "The request has " + violations.size() + " invalid field" + (violations.size() == 1 ? "" : "s") + ".",
                path(uri), violations));
    }

    /** Declared on its own so it wins over Quarkus's built-in mapper for this exception. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        String detail;
        List<Problem.Violation> violations = List.of();
        if (e instanceof UnrecognizedPropertyException u) {
            detail = "Unknown field '" + u.getPropertyName() + "'.";
            violations = List.of(new Problem.Violation(jsonPath(u), "is not a known field"));
        } else if (e instanceof InvalidFormatException f) {
            detail = "A field has a value of the wrong type or format.";
            violations = List.of(new Problem.Violation(jsonPath(f), "cannot be read as " + simpleType(f)));
        } else if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            detail = "A field has a value of the wrong type.";
            violations = List.of(new Problem.Violation(jsonPath(m), "cannot be read as " + simpleType(m)));
        } else if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            // a value the type itself refused, e.g. an unknown enum value: its message says what is allowed
            detail = "A field has a value that is not allowed.";
            Throwable cause = m.getCause();
            violations = List.of(new Problem.Violation(jsonPath(m),
                    cause instanceof IllegalArgumentException && cause.getMessage() != null ? cause.getMessage()
                            : "has a value that is not allowed"));
        } else {
            detail = "The body is not valid JSON of the expected shape.";
        }
        return respond(Problem.of(ProblemType.MALFORMED_BODY, detail, path(uri),
                violations));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.FORBIDDEN,
                "Your role does not allow this request.", path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri); // the body reader wraps what Jackson refused
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        String detail = switch (status) {
            case 404 -> "There is nothing at " + path(uri) + ".";
            case 405 -> "This method is not allowed on " + path(uri) + ".";
            case 406 -> "This resource cannot answer in the media type asked for.";
            case 415 -> "This media type is not accepted here; send application/json.";
            default -> e.getMessage();
        };
        ProblemType kind = switch (status) {
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            default -> null;
        };
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(kind != null ? Problem.of(kind, detail, path(uri), List.of())
                        : Problem.blank(status, title, detail, path(uri)));
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            builder.header(HttpHeaders.ALLOW, allow);
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (isDatabaseUnavailable(e)) {
            LOG.warnf("database unavailable while serving %s: %s", path(uri), e.getMessage());
            return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "5")
                    .entity(Problem.of(ProblemType.SERVICE_UNAVAILABLE,
                            "The service cannot reach its database; try again shortly.", path(uri), List.of()))
                    .build();
        }
        String state = DatabaseFailures.transientState(e);
        if (state != null) {
            // a race with another request (serialization failure, deadlock) or a bounded wait that ran out (lock
            // timeout, statement timeout): nothing is broken and nothing was written; the same request may well pass
            LOG.warnf("transient database error (SQLSTATE %s) while serving %s: %s", state, path(uri), e.getMessage());
            return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "1")
                    .entity(Problem.of(ProblemType.BUSY, "The request met another one at"
                            + " the database, or waited longer than its bound (SQLSTATE " + state + "); nothing was"
                            + " changed, try again.", path(uri), List.of()))
                    .build();
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error %s while serving %s", errorId, path(uri));
        return respond(Problem.of(ProblemType.INTERNAL_ERROR,
                "Something went wrong on our side (error id " + errorId + ").", path(uri), List.of()));
    }

    private Response unauthenticated(UriInfo uri) {
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(Problem.of(ProblemType.UNAUTHENTICATED,
                        "This request needs a valid bearer token.", path(uri), List.of()))
                .build();
    }

    static boolean isDatabaseUnavailable(Throwable e) {
        for (Throwable t : DatabaseFailures.causes(e)) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            // 08: connection exceptions; 57P01-57P03: the server is shutting down, crashed or not accepting yet
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t.getClass().getName().endsWith("JDBCConnectionException")) {
                return true;
            }
            // the pool gave up waiting for a connection (Agroal: an SQLException without a SQLSTATE, caused by a
            // TimeoutException): every connection is held by the database, frozen or overloaded
            if (t instanceof SQLException sql && sql.getSQLState() == null
                    && sql.getCause() instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    /** {@code create.arg0.name} or {@code create.body.relations[0].type} → the part after the parameter. */
    private static String field(Path path) {
        List<String> nodes = new ArrayList<>();
        for (Path.Node node : path) {
            String name = node.getName();
            if (node.getIndex() != null && !nodes.isEmpty()) {
                nodes.set(nodes.size() - 1, nodes.get(nodes.size() - 1) + "[" + node.getIndex() + "]");
            }
            if (name != null) {
                nodes.add(name);
            }
        }
        // the first two nodes are the method and the parameter
        return nodes.size() > 2 ? String.join(".", nodes.subList(2, nodes.size())) : String.join(".", nodes);
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "(body)" : sb.toString();
    }

    private static String simpleType(MismatchedInputException e) {
        Class<?> t = e.getTargetType();
        if (t == null) {
            return "the expected type";
        }
        if (t.isEnum()) {
            StringBuilder values = new StringBuilder();
            for (Object c : t.getEnumConstants()) {
                values.append(values.isEmpty() ? "" : ", ").append(c.toString().toLowerCase().replace('_', '-'));
            }
            return "one of: " + values;
        }
        return t.getSimpleName().toLowerCase();
    }
}
