package dev.skillpath.skills.api;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.node.TextNode;

import dev.skillpath.platform.api.Problem;
import dev.skillpath.platform.api.ProblemException;
import dev.skillpath.platform.security.Caller;
import dev.skillpath.skills.xapi.StatementQuery;
import dev.skillpath.skills.xapi.StatementStore;
import dev.skillpath.skills.xapi.XapiConfig;
import dev.skillpath.skills.xapi.XapiHeaders;
import dev.skillpath.skills.xapi.XapiIris;
import io.quarkus.security.Authenticated;

/**
 * Learners' records as xAPI 1.0.3 statements, read-only: the statement resource's GET of an LRS, over the statements
 * skills-service projects from the progress topic (docs/skills.md, "Learning records (xAPI)"). A learner reads their
 * own; an admin anyone's, or everyone's when no agent is given.
 */
@Path(XapiHeaders.PATH + "/statements")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Learning records (xAPI)", description = "Progress as xAPI 1.0.3 statements")
public class XapiResource {

    static final String PATH = XapiHeaders.PATH + "/statements";

    @Inject
    Caller caller;

    @Inject
    StatementStore store;

    @Inject
    XapiIris iris;

    @Inject
    XapiConfig config;

    @Inject
    Clock clock;

    /** The most statements one answer holds: what {@code limit=0} (or none) asks for. */
    @ConfigProperty(name = "skillpath.xapi.max-limit", defaultValue = "500")
    int maxLimit;

    /**
     * The parameters are declared one by one for the API description, but read together from the request's query
     * ({@link UriInfo}): a parameter given twice, or one this resource does not know, must be seen to be refused.
     */
    @GET
    @Operation(operationId = "getXapiStatements", summary = "Learning records as xAPI 1.0.3 statements",
            description = "A StatementResult `{\"statements\": [...], \"more\": \"...\"}`, newest stored first unless"
                    + " `ascending=true`; `more` is the relative URL of the next page, empty on the last. With"
                    + " `statementId` the one Statement. A learner reads their own statements (agent left out or"
                    + " theirs); an admin anyone's, everyone's without an agent. Parameters other than those listed are"
                    + " refused (400), `related_activities`, `related_agents`, `format` and `attachments` among them."
                    + " `X-Experience-API-Consistent-Through`: every statement stored at or before it is in the answers"
                    + " (the query time minus the longest a projection transaction can take).")
    @APIResponse(responseCode = "200", description = "A StatementResult, or one Statement with statementId",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                    description = "xAPI 1.0.3: a StatementResult {statements: [Statement], more: string}, or with"
                            + " statementId one Statement {id, actor, verb, object, result?, context?, timestamp,"
                            + " stored, authority, version}")),
            headers = { @Header(name = XapiHeaders.VERSION, description = "always 1.0.3",
                    schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = XapiHeaders.CONSISTENT_THROUGH, description = "ISO 8601 timestamp",
                            schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", description = "A bad parameter, or a request for another xAPI version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A learner asked for another learner's statements",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such statement (statementId), or not the caller's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response statements(@Context UriInfo uri,
            @Parameter(description = "the xAPI version the client speaks: 1.0 or 1.0.x, or none")
            @HeaderParam(XapiHeaders.VERSION) String version,
            @Parameter(description = "JSON Agent: `{\"objectType\":\"Agent\",\"account\":{\"homePage\":\"<home page>\","
                    + "\"name\":\"<learner id>\"}}`") @jakarta.ws.rs.QueryParam("agent") String agent,
            @Parameter(description = "verb IRI, e.g. http://adlnet.gov/expapi/verbs/passed")
            @jakarta.ws.rs.QueryParam("verb") String verb,
            @Parameter(description = "the object's activity IRI") @jakarta.ws.rs.QueryParam("activity") String activity,
            @Parameter(description = "the attempt or practice session id") @jakarta.ws.rs.QueryParam("registration") String registration,
            @Parameter(description = "stored after (exclusive), ISO 8601 with offset") @jakarta.ws.rs.QueryParam("since") String since,
            @Parameter(description = "stored at or before (inclusive), ISO 8601 with offset") @jakarta.ws.rs.QueryParam("until") String until,
            @Parameter(description = "0 (the default) = the server's maximum, 500") @jakarta.ws.rs.QueryParam("limit") String limit,
            @Parameter(description = "true: oldest first") @jakarta.ws.rs.QueryParam("ascending") String ascending,
            @Parameter(description = "where the next page starts: only as a more link gives it") @jakarta.ws.rs.QueryParam("cursor") String cursor,
            @Parameter(description = "one statement by id") @jakarta.ws.rs.QueryParam("statementId") String statementId,
            @Parameter(description = "one voided statement by id: there are none, statements here are never voided")
            @jakarta.ws.rs.QueryParam("voidedStatementId") String voidedStatementId) throws SQLException {
        XapiHeaders.checkVersion(version);
        String self = caller.id();
        // taken before the query reads: what the header promises must hold for what the query saw
        Instant consistentThrough = clock.instant().minus(config.consistencyLag()).truncatedTo(ChronoUnit.MILLIS);
        Map<String, List<String>> params = uri.getQueryParameters(true);
        StatementQuery q = StatementQuery.parse(params, iris.homePage(), maxLimit);
        if (q.statementId() != null) {
            return single(q, self, consistentThrough);
        }
        // the agent names whose statements; without one a learner reads their own, an admin everyone's
        String learner = q.learnerId() != null ? caller.learnerOrSelf(q.learnerId()) : caller.isAdmin() ? null : self;
        StatementStore.Page page = store.page(q, learner);
        String more = page.more()
                ? StatementQuery.more(PATH, params, page.rows().get(page.rows().size() - 1).cursor())
                : "";
        String body = page.rows().stream().map(StatementStore.Row::json)
                .collect(Collectors.joining(",", "{\"statements\":[", "],\"more\":" + TextNode.valueOf(more) + "}"));
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE)
                .header(XapiHeaders.CONSISTENT_THROUGH, consistentThrough.toString()).build();
    }

    /**
     * One statement. Another learner's is a 404 as a missing one is, so that ids cannot be probed; statements are never
     * voided here, so a voided one is never found.
     */
    private Response single(StatementQuery q, String self, Instant consistentThrough) throws SQLException {
        StatementStore.Row row = q.voided() ? null : store.byId(q.statementId())
                .filter(r -> caller.isAdmin() || r.learnerId().equals(self)).orElse(null);
        if (row == null) {
            throw ProblemException.notFound("There is no " + (q.voided() ? "voided " : "") + "statement "
                    + q.statementId() + ".");
        }
        return Response.ok(row.json(), MediaType.APPLICATION_JSON_TYPE)
                .header(XapiHeaders.CONSISTENT_THROUGH, consistentThrough.toString()).build();
    }
}
