package dev.skillpath.quiz.api;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.skillpath.platform.api.Uuids;
import dev.skillpath.platform.security.Caller;
import dev.skillpath.quiz.api.QuizViews.AttemptView;
import dev.skillpath.quiz.api.QuizViews.SavedAnswer;
import dev.skillpath.quiz.domain.Answer;
import dev.skillpath.quiz.domain.Attempt;
import dev.skillpath.quiz.domain.Attempts;
import dev.skillpath.quiz.domain.Quiz;
import dev.skillpath.quiz.domain.Review;
import dev.skillpath.quiz.store.QuizStore;
import io.quarkus.security.Authenticated;

/**
 * A learner's attempt: save answers, submit, read. Only the attempt's learner reaches it; an admin may read it (a
 * 403 on saving or submitting); anyone else gets the 404 a wrong id gets, so attempt ids cannot be probed.
 */
@Path("/api/v1/attempts")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Attempts", description = "Answering and submitting an attempt; grading happens on the server")
public class AttemptResource {

    @Inject
    Attempts attempts;

    @Inject
    QuizStore store;

    @Inject
    QuizMapper mapper;

    @Inject
    Caller caller;

    @GET
    @Path("/{id}")
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(operationId = "getAttempt",
            summary = "One attempt", description = "An attempt past its deadline is graded first. Correctness, "
            + "feedback and correct answers appear only after grading and as the quiz's review policy allows.")
    public AttemptView get(@PathParam("id") String id) {
        UUID attemptId = Uuids.pathId(id, "attempt");
        // in its own transaction, before anything is read, and only for a caller who may read it
        attempts.gradeIfExpired(attemptId, caller.id(), caller.isAdmin());
        return view(attempts.owned(attemptId, caller.id(), caller.isAdmin(), false));
    }

    @PUT
    @Path("/{id}/answers/{questionId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "saveAnswer",
            summary = "Save the answer to one question", description = "Idempotent: saving again replaces it, so a "
            + "client can autosave and retry. 409 once the attempt is graded or its time is up.")
    public SavedAnswer save(@PathParam("id") String id, @PathParam("questionId") String questionId,
            @NotNull Answer answer) {
        UUID attemptId = Uuids.pathId(id, "attempt");
        UUID question = Uuids.pathId(questionId, "question");
        Attempts.Saved saved = attempts.save(attemptId, question, caller.id(), caller.isAdmin(), answer);
        return new SavedAnswer(attemptId, question, answer, saved.answer().answeredAt, saved.deadline());
    }

    @POST
    @Path("/{id}/submit")
    @Operation(operationId = "submitAttempt",
            summary = "Submit and grade", description = "Grades on the server and returns the score, pass or fail, and "
            + "feedback as the quiz allows. Submitting again returns the same result without grading again.")
    public AttemptView submit(@PathParam("id") String id) {
        UUID attemptId = Uuids.pathId(id, "attempt");
        attempts.submit(attemptId, caller.id(), caller.isAdmin());
        return view(Attempt.findById(attemptId));
    }

    /**
     * The attempt as its caller may see it: the review by the policy the attempt started with (a change of the
     * quiz since does not reach it); whether an attempt is left, for {@code after_last_attempt}, by the quiz as it
     * is, since that is what the learner's next start would meet.
     */
    private AttemptView view(Attempt attempt) {
        Quiz quiz = Quiz.findById(attempt.quizId);
        long graded = store.attemptsOf(quiz.id, attempt.learnerId).stream().filter(Attempt::graded).count();
        boolean review = attempt.graded() && (caller.isAdmin()
                || Review.visible(attempt.reviewPolicy, true, graded, quiz.maxAttempts, quiz.status));
        return mapper.attempt(attempt, quiz, review);
    }
}
