package dev.skillpath.quiz.api;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.skillpath.platform.api.Problem.Violation;
import dev.skillpath.platform.api.ProblemException;
import dev.skillpath.platform.api.Uuids;
import dev.skillpath.platform.catalog.KnownSkills;
import dev.skillpath.platform.security.Caller;
import dev.skillpath.quiz.api.PracticeViews.NextQuestion;
import dev.skillpath.quiz.api.PracticeViews.PracticeAnswerInput;
import dev.skillpath.quiz.api.PracticeViews.PracticeAnswerResult;
import dev.skillpath.quiz.api.PracticeViews.PracticeInput;
import dev.skillpath.quiz.api.PracticeViews.PracticeItemView;
import dev.skillpath.quiz.api.PracticeViews.PracticeQuestion;
import dev.skillpath.quiz.api.PracticeViews.PracticeSessionView;
import dev.skillpath.quiz.api.QuizViews.SkillRef;
import dev.skillpath.quiz.domain.JsonColumns;
import dev.skillpath.quiz.domain.QuestionVersion;
import dev.skillpath.quiz.practice.Practice;
import dev.skillpath.quiz.practice.PracticeItem;
import dev.skillpath.quiz.practice.PracticeSession;
import dev.skillpath.quiz.store.QuizStore;
import io.quarkus.security.Authenticated;

/**
 * Practice sessions: questions picked one at a time for the learner and graded at once. Only the session's learner
 * uses it; an admin may read it (a 403 on the rest); anyone else gets the 404 a wrong id gets.
 */
@Path("/api/v1/practice-sessions")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Practice", description = "Adaptive practice: the next question picked for the learner, graded at once")
public class PracticeResource {

    @Inject
    Practice practice;

    @Inject
    Caller caller;

    @Inject
    KnownSkills knownSkills;

    @Inject
    QuizStore store;

    @Inject
    QuizMapper mapper;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "startPracticeSession", summary = "Start a practice session",
            description = "Target one skill (slug or id), your frontier, or your reviews due (mastered skills whose"
                    + " review date has come), as the learner model last published them. 409 estimates-not-known"
                    + " before the learner model published anything, frontier-empty when nothing is ready to learn,"
                    + " no-reviews-due when no review is due; 422 for a skill that is not in the catalogue.")
    @APIResponse(responseCode = "201", description = "The session (Location: it)", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = PracticeSessionView.class)))
    public Response start(@Valid @NotNull PracticeInput input) {
        UUID skill = null;
        if ("skill".equals(input.target())) {
            if (input.skill() == null || input.skill().isBlank()) {
                throw ProblemException.invalid("A skill target names the skill.",
                        List.of(new Violation("skill", "is required when target is skill")));
            }
            skill = knownSkills.requireActive(List.of(input.skill().trim()), "skill").get(0);
        } else if (input.skill() != null) {
            throw ProblemException.invalid("A " + input.target() + " target names no skill.",
                    List.of(new Violation("skill", "must be left out when target is " + input.target())));
        }
        Practice.Target target = Practice.Target.valueOf(input.target().toUpperCase(java.util.Locale.ROOT));
        PracticeSession s = practice.start(caller.id(), target, skill, input.maxQuestions(), input.targetChance());
        return Response.created(URI.create("/api/v1/practice-sessions/" + s.id)).entity(view(s)).build();
    }

    @GET
    @Path("/{id}")
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(operationId = "getPracticeSession", summary = "A practice session and why each question was chosen",
            description = "Its progress and, for every question it gave, the skill practised, your estimate then, the"
                    + " predicted chance and the item's parameters.")
    public PracticeSessionView get(@PathParam("id") String id) {
        return view(practice.owned(Uuids.pathId(id, "practice session"), caller.id(), caller.isAdmin()));
    }

    @GET
    @Path("/{id}/next")
    @Operation(operationId = "nextPracticeQuestion", summary = "The question to answer now",
            description = "The open question if there is one (asking again gives the same one), else a new pick:"
                    + " tagged with a target skill you have not mastered (in a review session: not yet answered in"
                    + " it), not given in this session nor seen in the last day, its predicted chance closest to the"
                    + " session's target chance. No question when the session has ended; endReason says why"
                    + " (target-mastered, reviews-done, question-limit, pool-exhausted, by-learner).")
    public NextQuestion next(@PathParam("id") String id) {
        UUID sessionId = Uuids.pathId(id, "practice session");
        Practice.Next next = practice.next(sessionId, caller.id(), caller.isAdmin());
        PracticeSession s = next.session();
        PracticeQuestion question = null;
        if (next.item().isPresent()) {
            PracticeItem item = next.item().get();
            QuestionVersion v = next.version().orElseThrow();
            question = new PracticeQuestion(item.questionId, v.version, item.position, v.type, v.prompt, v.points,
                    QuizMapper.options(JsonColumns.body(v.body), item.optionOrder), skill(item.skillId),
                    round(item.predicted));
        }
        return new NextQuestion(s.id, s.status, s.endReason, s.answered, s.maxQuestions, question);
    }

    @POST
    @Path("/{id}/answers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "answerPracticeQuestion", summary = "Answer the question given",
            description = "Graded at once: correctness, feedback and the correct answer. Only the first answer to a"
                    + " question counts (409 already-answered); 409 practice-ended once the session ended.")
    public PracticeAnswerResult answer(@PathParam("id") String id, @Valid @NotNull PracticeAnswerInput input) {
        UUID sessionId = Uuids.pathId(id, "practice session");
        PracticeItem item = practice.answer(sessionId, input.questionId(), caller.id(), caller.isAdmin(),
                input.answer());
        PracticeSession s = PracticeSession.findById(sessionId);
        QuestionVersion v = QuestionVersion.findById(item.questionVersionId);
        var review = QuizMapper.review(v, JsonColumns.body(v.body), input.answer(), item.credit,
                item.credit * v.points);
        return new PracticeAnswerResult(s.id, item.questionId, item.position, item.correct, item.credit, review,
                s.status, s.endReason, s.answered, s.correct);
    }

    @POST
    @Path("/{id}/end")
    @Operation(operationId = "endPracticeSession", summary = "End a practice session",
            description = "Ends it now (endReason by-learner); ending an ended session changes nothing.")
    public PracticeSessionView end(@PathParam("id") String id) {
        return view(practice.end(Uuids.pathId(id, "practice session"), caller.id(), caller.isAdmin()));
    }

    private PracticeSessionView view(PracticeSession s) {
        List<PracticeItem> items = practice.itemsOf(s.id);
        Map<UUID, QuestionVersion> versions = store.versions(items.stream().map(i -> i.questionVersionId).toList());
        Map<UUID, SkillRef> skills = mapper.skills(items.stream().map(i -> i.skillId).distinct().toList()).stream()
                .collect(Collectors.toMap(SkillRef::id, Function.identity()));
        List<PracticeItemView> views = items.stream().map(i -> {
            QuestionVersion v = versions.get(i.questionVersionId);
            SkillRef skill = skills.get(i.skillId);
            return new PracticeItemView(i.position, i.questionId, v.version, v.type, skill, round(i.skillEstimate),
                    round(i.predicted), round(i.guess), round(i.slip), i.difficulty == null ? null : round(i.difficulty),
                    i.parameters, reason(i, skill, s.targetChance), i.servedAt, i.answeredAt, i.correct);
        }).toList();
        return new PracticeSessionView(s.id, s.learnerId, s.target, mapper.skills(s.targetSkillIds), s.status,
                s.endReason, s.maxQuestions, s.targetChance, s.startedAt, s.endedAt, s.answered, s.correct, views);
    }

    private SkillRef skill(UUID id) {
        return mapper.skills(List.of(id)).get(0);
    }

    static String reason(PracticeItem i, SkillRef skill, double targetChance) {
        String name = skill.slug() != null ? skill.slug() : skill.id().toString();
        return String.format(Locale.ROOT, "practises %s (your estimate %.2f): predicted chance %.2f, the closest to the"
                + " target %.2f, with %s guess %.2f and slip %.2f%s", name, i.skillEstimate, i.predicted, targetChance,
                i.parameters.equals("fitted") ? "fitted" : "starting", i.guess, i.slip, i.difficulty == null ? ""
                        : String.format(Locale.ROOT, ", difficulty %.2f", i.difficulty));
    }

    private static double round(double v) {
        return Math.round(v * 10_000d) / 10_000d;
    }
}
