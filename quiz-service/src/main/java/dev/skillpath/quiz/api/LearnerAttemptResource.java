package dev.skillpath.quiz.api;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.skillpath.platform.api.Page;
import dev.skillpath.platform.api.PageRequest;
import dev.skillpath.platform.api.ProblemException;
import dev.skillpath.platform.api.Uuids;
import dev.skillpath.platform.security.Caller;
import dev.skillpath.quiz.api.QuizViews.AttemptSummary;
import dev.skillpath.quiz.domain.Quiz;
import dev.skillpath.quiz.store.QuizStore;
import io.quarkus.security.Authenticated;

/** A learner's own attempts, newest first. Admins may read anyone's with {@code ?learner=}. */
@Path("/api/v1/learners/me/attempts")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Attempts")
public class LearnerAttemptResource {

    @Inject
    Caller caller;

    @Inject
    QuizStore store;

    @GET
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(operationId = "listAttempts",
            summary = "Your attempts, newest first", description = "Filter by quiz; paged.")
    public Page<AttemptSummary> list(@Parameter(description = "admins only: another learner's id") @QueryParam("learner") String learner,
            @QueryParam("quiz") String quiz, @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest request = PageRequest.of(page, size);
        String learnerId = caller.learnerOrSelf(learner);
        UUID quizId = null;
        if (quiz != null && !quiz.isBlank()) {
            quizId = Uuids.parse(quiz.trim()).orElseThrow(() -> ProblemException.invalid("The quiz filter must be a quiz id.",
                    java.util.List.of(new dev.skillpath.platform.api.Problem.Violation("quiz", "must be a UUID"))));
        }
        QuizStore.Slice<dev.skillpath.quiz.domain.Attempt> slice = store.attemptsOf(learnerId, quizId, request);
        return Page.of(slice.items().stream().map(a -> QuizMapper.summary(a, Quiz.findById(a.quizId))).toList(),
                request, slice.total());
    }
}
