package dev.skillpath.quiz.api;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import dev.skillpath.quiz.api.QuizViews.AttemptView;
import dev.skillpath.quiz.api.QuizViews.QuizDetail;
import dev.skillpath.quiz.api.QuizViews.QuizInput;
import dev.skillpath.quiz.api.QuizViews.QuizStatistics;
import dev.skillpath.quiz.api.QuizViews.QuizSummary;
import dev.skillpath.quiz.api.QuizViews.QuizView;
import dev.skillpath.quiz.api.QuizViews.YourProgress;
import dev.skillpath.quiz.domain.Attempt;
import dev.skillpath.quiz.domain.Attempts;
import dev.skillpath.quiz.domain.Quiz;
import dev.skillpath.quiz.domain.QuizAuthoring;
import dev.skillpath.quiz.domain.QuizStatus;
import dev.skillpath.quiz.store.QuizStore;
import io.quarkus.security.Authenticated;

@Path("/api/v1/quizzes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Quizzes", description = "Quizzes: settings, publishing, attempts and item statistics")
public class QuizResource {

    @Inject
    QuizStore store;

    @Inject
    QuizAuthoring authoring;

    @Inject
    Attempts attempts;

    @Inject
    QuizMapper mapper;

    @Inject
    SkillFilter skillFilter;

    @Inject
    Caller caller;

    @Inject
    ItemStatisticsReport report;

    @GET
    @PermitAll
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(operationId = "listQuizzes",
            summary = "List quizzes", description = "Filter by skill (slug or id); paged. Learners see published "
            + "quizzes; authors see all and may filter by status (draft, published, retired).")
    public Page<QuizSummary> list(@QueryParam("skill") String skill, @QueryParam("status") String status,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest request = PageRequest.of(page, size);
        List<QuizStatus> statuses;
        if (status == null || status.isBlank()) {
            statuses = author() ? List.of(QuizStatus.values()) : List.of(QuizStatus.PUBLISHED);
        } else {
            QuizStatus wanted;
            try {
                wanted = QuizStatus.of(status.trim());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("Unknown status '" + status + "'.",
                        List.of(new Problem.Violation("status", e.getMessage())));
            }
            if (wanted != QuizStatus.PUBLISHED && !author()) {
                throw ProblemException.forbidden("Only authors see draft and retired quizzes.");
            }
            statuses = List.of(wanted);
        }
        QuizStore.Slice<Quiz> slice = store.quizzes(statuses, skillFilter.resolve(skill), request);
        return Page.of(slice.items().stream().map(mapper::summary).toList(), request, slice.total());
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(operationId = "getQuiz",
            summary = "One quiz", description = "Authors and admins get the full quiz with its questions and answer "
            + "keys; everyone else gets its settings (never a question) and, with a token, their own progress.")
    public Object get(@PathParam("id") String id) {
        Quiz quiz = Quiz.findById(Uuids.pathId(id, "quiz"));
        if (quiz == null || (!author() && quiz.status != QuizStatus.PUBLISHED)) {
            throw ProblemException.notFound("There is no quiz " + id + ".");
        }
        if (author()) {
            return mapper.detail(quiz);
        }
        YourProgress you = caller.isAnonymous() ? null : progress(quiz, caller.id());
        return new QuizView(quiz.id, quiz.title, quiz.description, quiz.status, mapper.skills(quiz.skillIds),
                store.questionCount(quiz), quiz.passMark, quiz.timeLimitSeconds, quiz.maxAttempts, quiz.gradingMethod,
                quiz.reviewPolicy, quiz.publishedAt, you);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.AUTHOR, Roles.ADMIN })
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "createQuiz", summary = "Create a quiz as a draft (authors)")
    @APIResponse(responseCode = "201", description = "The draft quiz (Location: it)", content = @Content(mediaType = "application/json", schema = @Schema(implementation = QuizDetail.class)))
    public Response create(@Valid @NotNull QuizInput input) {
        Quiz quiz = authoring.create(input, caller.id());
        return Response.created(URI.create("/api/v1/quizzes/" + quiz.id)).entity(detail(quiz.id)).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.AUTHOR, Roles.ADMIN })
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "updateQuiz",
            summary = "Change a quiz (authors)", description = "Allowed after learners attempted it: each attempt keeps "
            + "the questions and pass mark it started with. A change to a published quiz is announced.")
    public QuizDetail update(@PathParam("id") String id, @Valid @NotNull QuizInput input) {
        UUID quizId = Uuids.pathId(id, "quiz");
        authoring.update(quizId, input);
        return detail(quizId);
    }

    @POST
    @Path("/{id}/publish")
    @RolesAllowed({ Roles.AUTHOR, Roles.ADMIN })
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "publishQuiz",
            summary = "Publish a quiz (authors)", description = "422 when it has no questions or its pool is too small.")
    public QuizDetail publish(@PathParam("id") String id) {
        UUID quizId = Uuids.pathId(id, "quiz");
        authoring.publish(quizId);
        return detail(quizId);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({ Roles.AUTHOR, Roles.ADMIN })
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "retireQuiz",
            summary = "Retire a quiz (authors)", description = "No new attempts; past attempts stay.")
    @APIResponse(responseCode = "204", description = "Retired")
    public Response retire(@PathParam("id") String id) {
        authoring.retire(Uuids.pathId(id, "quiz"));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/attempts")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "startAttempt",
            summary = "Start an attempt", description = "201 with the questions (no answer key) and the deadline; 200 "
            + "with the open attempt if there is one; 409 when the attempts are used up or the quiz is retired.")
    @APIResponse(responseCode = "201", description = "A new attempt (Location: it)", content = @Content(mediaType = "application/json", schema = @Schema(implementation = AttemptView.class)))
    @APIResponse(responseCode = "200", description = "Your open attempt, which you must finish first", content = @Content(mediaType = "application/json", schema = @Schema(implementation = AttemptView.class)))
    public Response start(@PathParam("id") String id) {
        UUID quizId = Uuids.pathId(id, "quiz");
        String learner = caller.id();
        Attempts.Started started = attempts.start(quizId, learner, author());
        AttemptView view = started.created()
                ? mapper.attempt(started.attempt(), started.quiz(), false, started.questions(), started.versions())
                : mapper.attempt(started.attempt(), started.quiz(), false);
        return started.created()
                ? Response.created(URI.create("/api/v1/attempts/" + started.attempt().id)).entity(view).build()
                : Response.ok(view).build();
    }

    @GET
    @Path("/{id}/statistics")
    @RolesAllowed({ Roles.AUTHOR, Roles.ADMIN })
    @SecurityRequirement(name = "bearer")
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(operationId = "getQuizStatistics",
            summary = "Item statistics (authors)", description = "Over each learner's first graded attempt (authors' and "
            + "admins' own attempts left out), kept as running sums while attempts are graded: per question (all its "
            + "versions together) and per question version in this quiz, the facility, discrimination (item–rest "
            + "correlation) and flags; per version also its flag (raised once, with 30 first attempts or more, until a "
            + "new version clears it) and the learner model's fitted difficulty, guess and slip.")
    public QuizStatistics statistics(@PathParam("id") String id) {
        Quiz quiz = Quiz.findById(Uuids.pathId(id, "quiz"));
        if (quiz == null) {
            throw ProblemException.notFound("There is no quiz " + id + ".");
        }
        return report.of(quiz);
    }

    private YourProgress progress(Quiz quiz, String learner) {
        List<Attempt> mine = store.attemptsOf(quiz.id, learner);
        List<Double> percentages = mine.stream().filter(Attempt::graded).map(Attempt::percentage).toList();
        var grade = quiz.gradingMethod.combine(percentages);
        UUID open = mine.stream().filter(a -> !a.graded()).map(a -> a.id).findFirst().orElse(null);
        Integer remaining = quiz.maxAttempts == null ? null : Math.max(0, quiz.maxAttempts - mine.size());
        return new YourProgress(mine.size(), remaining, grade.isPresent() ? round(grade.getAsDouble()) : null,
                grade.isPresent() ? grade.getAsDouble() >= quiz.passMark : null, open);
    }

    private QuizDetail detail(UUID id) {
        return mapper.detail(Quiz.findById(id));
    }

    private boolean author() {
        return !caller.isAnonymous() && caller.canAuthor();
    }

    private static double round(double v) {
        return Math.round(v * 100d) / 100d;
    }
}
