package dev.skillpath.quiz.api;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.skillpath.platform.api.Page;
import dev.skillpath.platform.api.PageRequest;
import dev.skillpath.platform.api.Problem;
import dev.skillpath.platform.api.ProblemException;
import dev.skillpath.platform.api.Uuids;
import dev.skillpath.platform.security.Caller;
import dev.skillpath.platform.security.Roles;
import dev.skillpath.quiz.api.QuizViews.QuestionDetail;
import dev.skillpath.quiz.api.QuizViews.QuestionInput;
import dev.skillpath.quiz.api.QuizViews.QuestionSummary;
import dev.skillpath.quiz.api.QuizViews.QuestionVersionView;
import dev.skillpath.quiz.domain.Question;
import dev.skillpath.quiz.domain.QuestionBank;
import dev.skillpath.quiz.domain.QuestionFlag;
import dev.skillpath.quiz.domain.QuestionType;
import dev.skillpath.quiz.domain.QuestionVersion;
import dev.skillpath.quiz.store.ItemStatisticsStore;
import dev.skillpath.quiz.store.QuizStore;

/** The question bank, for authors: questions carry their answer keys, so every endpoint needs the author role. */
@Path("/api/v1/questions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.AUTHOR, Roles.ADMIN })
@SecurityRequirement(name = "bearer")
@Tag(name = "Questions", description = "The question bank: typed, versioned questions tagged with skills (authors)")
public class QuestionResource {

    @Inject
    QuestionBank bank;

    @Inject
    QuizStore store;

    @Inject
    QuizMapper mapper;

    @Inject
    SkillFilter skillFilter;

    @Inject
    Caller caller;

    @Inject
    ItemStatisticsStore statistics;

    @GET
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(operationId = "listQuestions",
            summary = "List the bank's questions (current versions)", description = "Filter by skill (slug or id), type "
            + "and flagged (true: only questions whose current version the item statistics flagged, with the flag; "
            + "false: only the others); paged.")
    public Page<QuestionSummary> list(@QueryParam("skill") String skill, @QueryParam("type") String type,
            @Parameter(description = "true: only flagged questions; false: only the others",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "true", "false" })) @QueryParam("flagged") String flagged, @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest request = PageRequest.of(page, size);
        if (type != null && !type.isBlank()) {
            try {
                QuestionType.of(type);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("Unknown question type '" + type + "'.",
                        List.of(new Problem.Violation("type", e.getMessage())));
            }
        }
        Boolean onlyFlagged = flagged(flagged);
        UUID skillId = skillFilter.resolve(skill);
        QuizStore.Slice<QuestionVersion> slice = store.currentQuestions(skillId,
                type == null || type.isBlank() ? null : type, onlyFlagged, request);
        Map<UUID, QuestionFlag> flags = statistics.flags(slice.items().stream().map(v -> v.id).toList());
        return Page.of(slice.items().stream()
                .map(v -> mapper.summary(Question.findById(v.questionId), v, flags.get(v.id))).toList(),
                request, slice.total());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createQuestion", summary = "Add a question to the bank")
    @APIResponse(responseCode = "201", description = "The question (Location: it)", content = @Content(mediaType = "application/json", schema = @Schema(implementation = QuestionDetail.class)))
    public Response create(@Valid @NotNull QuestionInput input) {
        Question question = bank.create(input, caller.id());
        return Response.created(URI.create("/api/v1/questions/" + question.id))
                .entity(detail(question.id)).build();
    }

    @GET
    @Path("/{id}")
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(operationId = "getQuestion",
            summary = "One question with its answer key", description = "The current version, or ?version=n.")
    public QuestionDetail get(@PathParam("id") String id, @QueryParam("version") String version) {
        Question question = existing(id);
        if (version == null || version.isBlank()) {
            return mapper.question(question, question.current());
        }
        QuestionVersion v;
        try {
            v = QuestionVersion.of(question.id, Integer.parseInt(version.trim()));
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("The version must be a whole number.",
                    List.of(new Problem.Violation("version", "must be a whole number")));
        }
        if (v == null) {
            throw ProblemException.notFound("Question " + id + " has no version " + version + ".");
        }
        return mapper.question(question, v);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateQuestion", summary = "Edit a question",
            description = "If an attempt was given the current version, the edit becomes a new version and old attempts keep theirs.")
    public QuestionDetail update(@PathParam("id") String id, @Valid @NotNull QuestionInput input) {
        UUID questionId = Uuids.pathId(id, "question");
        bank.update(questionId, input, caller.id());
        return detail(questionId);
    }

    @GET
    @Path("/{id}/versions")
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(operationId = "listQuestionVersions",
            summary = "Every version of a question, with how many attempts were given each and its flag, if any")
    public List<QuestionVersionView> versions(@PathParam("id") String id) {
        Question question = existing(id);
        List<QuestionVersion> versions = QuestionVersion.list("questionId", question.id);
        Map<UUID, QuestionFlag> flags = statistics.flags(versions.stream().map(v -> v.id).toList());
        return versions.stream()
                .sorted(Comparator.comparingInt((QuestionVersion v) -> v.version))
                .map(v -> new QuestionVersionView(v.version, v.version == question.currentVersion, v.type, v.prompt,
                        v.points, store.attemptsGivenVersion(v.id), v.createdBy, v.createdAt, QuizMapper.flag(flags.get(v.id))))
                .toList();
    }

    /** The {@code flagged} filter: absent or blank for all questions, else {@code true} or {@code false}. */
    private static Boolean flagged(String flagged) {
        if (flagged == null || flagged.isBlank()) {
            return null;
        }
        return switch (flagged.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.invalid("flagged must be true or false, not '" + flagged + "'.",
                    List.of(new Problem.Violation("flagged", "must be true or false")));
        };
    }

    private QuestionDetail detail(UUID id) {
        Question question = Question.findById(id);
        return mapper.question(question, question.current());
    }

    private static Question existing(String id) {
        Question question = Question.findById(Uuids.pathId(id, "question"));
        if (question == null) {
            throw ProblemException.notFound("There is no question " + id + ".");
        }
        return question;
    }
}
