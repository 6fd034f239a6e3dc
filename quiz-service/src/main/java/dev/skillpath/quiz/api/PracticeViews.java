package dev.skillpath.quiz.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.skillpath.quiz.api.QuizViews.OptionView;
import dev.skillpath.quiz.api.QuizViews.ReviewItem;
import dev.skillpath.quiz.api.QuizViews.SkillRef;
import dev.skillpath.quiz.domain.Answer;
import dev.skillpath.quiz.domain.QuestionType;

/** The request and response bodies of practice sessions (docs/quiz.md, "Practice sessions"). */
public final class PracticeViews {

    private PracticeViews() {
    }

    @Schema(description = "What to practise: one skill (target skill, with skill a slug or id), the learner's"
            + " frontier (target frontier, no skill) or their reviews due (target reviews, no skill).")
    public record PracticeInput(
            @NotNull @Pattern(regexp = "skill|frontier|reviews", message = "must be skill, frontier or reviews")
            String target,
            @Size(max = 100) String skill,
            @Schema(description = "end after this many questions (default 20)") @Min(1) @Max(100) Integer maxQuestions,
            @Schema(description = "the predicted chance of a right answer to aim at (default 0.7)")
            @DecimalMin("0.05") @DecimalMax("0.95") Double targetChance) {
    }

    /** One answer: the question (given by {@code next}) and the answer in the question type's field. */
    public record PracticeAnswerInput(@NotNull UUID questionId, @NotNull @Valid Answer answer) {
    }

    @Schema(description = "Why a question was given: the target skill it practises, the learner's estimate of that"
            + " skill then, the predicted chance of a right answer, and the item parameters the prediction used"
            + " (parameters: fitted by the learner model, or shape: starting values from the question's type).")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PracticeItemView(int position, UUID questionId, int questionVersion, QuestionType type,
            SkillRef skill, double skillEstimate, double predicted, double guess, double slip,
            @Schema(nullable = true) Double difficulty, String parameters, String reason, OffsetDateTime servedAt,
            @Schema(nullable = true) OffsetDateTime answeredAt, @Schema(nullable = true) Boolean correct) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PracticeSessionView(UUID id, String learnerId,
            @Schema(enumeration = {"skill", "frontier", "reviews"}) String target, List<SkillRef> targetSkills,
            @Schema(enumeration = {"active", "ended"}) String status,
            @Schema(nullable = true, enumeration = {"target-mastered", "reviews-done", "question-limit", "pool-exhausted", "by-learner"})
            String endReason,
            int maxQuestions, double targetChance, OffsetDateTime startedAt,
            @Schema(nullable = true) OffsetDateTime endedAt, int answered, int correctAnswers,
            List<PracticeItemView> items) {
    }

    @Schema(description = "A question to answer, without its key, like a question of an attempt.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PracticeQuestion(UUID questionId, int questionVersion, int position, QuestionType type,
            String prompt, double points, @Schema(nullable = true) List<OptionView> options, SkillRef skill,
            double predicted) {
    }

    @Schema(description = "The next question, or none when the session has ended (then endReason says why).")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NextQuestion(UUID sessionId, @Schema(enumeration = {"active", "ended"}) String status,
            @Schema(nullable = true) String endReason, int answered, int maxQuestions,
            @Schema(nullable = true) PracticeQuestion question) {
    }

    @Schema(description = "An answer graded at once: correctness, feedback and the correct answer, and the session"
            + " after it.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PracticeAnswerResult(UUID sessionId, UUID questionId, int position, boolean correct,
            double credit, ReviewItem review, @Schema(enumeration = {"active", "ended"}) String status,
            @Schema(nullable = true) String endReason, int answered, int correctAnswers) {
    }
}
