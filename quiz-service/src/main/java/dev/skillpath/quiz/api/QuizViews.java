package dev.skillpath.quiz.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.skillpath.quiz.domain.Answer;
import dev.skillpath.quiz.domain.AttemptStatus;
import dev.skillpath.quiz.domain.GradingMethod;
import dev.skillpath.quiz.domain.QuestionBody;
import dev.skillpath.quiz.domain.QuestionType;
import dev.skillpath.quiz.domain.QuizStatus;
import dev.skillpath.quiz.domain.ReviewPolicy;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The request and response bodies of the quiz API. Learner-facing records (everything an attempt shows before
 * grading) have no field that could carry an answer key: options are id and text only.
 */
public final class QuizViews {

    private QuizViews() {
    }

    // --- authoring input ---

    /** A question as an author writes it; only the fields of its type may be set (docs/quiz.md). */
    public record QuestionInput(
            @NotNull QuestionType type,
            @NotBlank @Size(max = 4_000) String prompt,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") Double points,
            @NotNull @Size(min = 1, max = 10) List<@NotBlank @Size(max = 100) String> skills,
            @Size(min = 2, max = 10) List<@NotNull @Valid OptionInput> options,
            Boolean answer,
            @Size(max = 2_000) String trueFeedback,
            @Size(max = 2_000) String falseFeedback,
            @Size(min = 1, max = 20) List<@NotBlank @Size(max = 200) String> acceptedAnswers,
            Boolean foldAccents,
            Double value,
            @DecimalMin("0") Double tolerance,
            @Size(max = 4_000) String generalFeedback) {
    }

    /** An option of a choice question, or an item of an ordering question (listed in the correct order). */
    public record OptionInput(
            @Size(min = 1, max = 20) @Pattern(regexp = "^[a-z0-9][a-z0-9-]*$", message = "must be lowercase letters, digits and hyphens") String id,
            @NotBlank @Size(max = 1_000) String text,
            Boolean correct,
            @Size(max = 2_000) String feedback) {
    }

    /** A quiz as an author writes it: a fixed list of {@code questions} or a random {@code draw}, not both. */
    public record QuizInput(
            @NotBlank @Size(max = 200) String title,
            @Size(max = 4_000) String description,
            @Size(max = 10) List<@NotBlank @Size(max = 100) String> skills,
            @Size(max = 100) List<@NotNull UUID> questions,
            @Valid DrawInput draw,
            @DecimalMin("0") @DecimalMax("100") Double passMark,
            @Min(1) @Max(86_400) Integer timeLimitSeconds,
            @Min(1) @Max(100) Integer maxAttempts,
            Boolean shuffleQuestions,
            Boolean shuffleOptions,
            GradingMethod gradingMethod,
            ReviewPolicy reviewPolicy) {
    }

    /** N questions drawn at random, at each attempt's start, from the questions tagged with a skill. */
    public record DrawInput(@NotBlank @Size(max = 100) String skill, @NotNull @Min(1) @Max(100) Integer count) {
    }

    // --- shared pieces ---

    /** A skill tag; slug and name come from the catalogue projection and are null while it does not know them. */
    public record SkillRef(UUID id, String slug, String name) {
    }

    public record QuizRef(UUID id, String title) {
    }

    // --- authors' views ---

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QuestionDetail(UUID id, int version, int currentVersion, QuestionType type, String prompt,
            double points, List<SkillRef> skills, List<QuestionBody.Option> options, Boolean answer,
            String trueFeedback, String falseFeedback, List<String> acceptedAnswers, Boolean foldAccents, Double value,
            Double tolerance, String generalFeedback, String createdBy, OffsetDateTime createdAt) {
    }

    /** {@code flag}: the current version's flag from the item statistics, null when it is not flagged. */
    public record QuestionSummary(UUID id, int currentVersion, QuestionType type, String prompt, double points,
            List<SkillRef> skills, OffsetDateTime updatedAt, @Schema(nullable = true) FlagView flag) {
    }

    /** {@code flag}: the version's flag, kept as its history once a newer version cleared it. */
    public record QuestionVersionView(int version, boolean current, QuestionType type, String prompt, double points,
            long attempts, String createdBy, OffsetDateTime createdAt, @Schema(nullable = true) FlagView flag) {
    }

    public record DrawView(SkillRef skill, int count, long poolSize) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QuizDetail(UUID id, String title, String description, QuizStatus status, List<SkillRef> skills,
            int questionCount, double passMark, Integer timeLimitSeconds, Integer maxAttempts,
            boolean shuffleQuestions, boolean shuffleOptions, GradingMethod gradingMethod, ReviewPolicy reviewPolicy,
            List<QuestionDetail> questions, DrawView draw, String createdBy, OffsetDateTime createdAt,
            OffsetDateTime updatedAt, OffsetDateTime publishedAt) {
    }

    // --- learners' views ---

    public record QuizSummary(UUID id, String title, @Schema(nullable = true) String description, QuizStatus status, List<SkillRef> skills,
            int questionCount, double passMark, @Schema(nullable = true) Integer timeLimitSeconds, @Schema(nullable = true) Integer maxAttempts,
            GradingMethod gradingMethod, ReviewPolicy reviewPolicy, @Schema(nullable = true) OffsetDateTime publishedAt) {
    }

    /** A quiz as a learner sees it: its settings and, with a token, where they stand. Never a question. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QuizView(UUID id, String title, String description, QuizStatus status, List<SkillRef> skills,
            int questionCount, double passMark, Integer timeLimitSeconds, Integer maxAttempts,
            GradingMethod gradingMethod, ReviewPolicy reviewPolicy, OffsetDateTime publishedAt, YourProgress you) {
    }

    /** The caller's attempts at a quiz: how many are used and left, and the grade by the quiz's grading method. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record YourProgress(int attemptsUsed, Integer attemptsRemaining, Double grade, Boolean passed,
            UUID openAttempt) {
    }

    public record OptionView(String id, String text) {
    }

    /** The result of a graded attempt: always shown to its learner once it is graded. */
    public record ResultView(double score, double maxScore, double percentage, double passMark, boolean passed) {
    }

    /** A question of an attempt; {@code review} only after grading and as the quiz's review policy allows. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AttemptQuestionView(UUID questionId, int questionVersion, int position, QuestionType type,
            String prompt, double points, List<OptionView> options, Answer answer, OffsetDateTime savedAt,
            ReviewItem review) {
    }

    /** How an answer was graded, its feedback, and the correct answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReviewItem(double credit, double score, boolean correct, List<String> feedback,
            String generalFeedback, Answer correctAnswer, List<String> acceptedAnswers, Double tolerance) {
    }

    /** An attempt; {@code reviewPolicy} is the one it started with, which may differ from the quiz's now. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AttemptView(UUID id, QuizRef quiz, String learnerId, int number, AttemptStatus status,
            OffsetDateTime startedAt, OffsetDateTime deadline, OffsetDateTime submittedAt, OffsetDateTime gradedAt,
            boolean autoSubmitted, ReviewPolicy reviewPolicy, ResultView result, boolean reviewShown,
            List<AttemptQuestionView> questions) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AttemptSummary(UUID id, QuizRef quiz, String learnerId, int number, AttemptStatus status,
            OffsetDateTime startedAt, OffsetDateTime deadline, OffsetDateTime gradedAt, ResultView result) {
    }

    public record SavedAnswer(UUID attemptId, UUID questionId, Answer answer, OffsetDateTime savedAt,
            @Schema(nullable = true) OffsetDateTime deadline) {
    }

    // --- statistics ---

    /** A question in one quiz, all its versions together, and {@code versions}: each version's own figures. */
    public record QuestionStatistics(UUID questionId, int position, QuestionType type, String prompt, int attempts,
            @Schema(nullable = true) Double facility, @Schema(nullable = true) Double discrimination, List<String> flags,
            List<VersionStatistics> versions) {
    }

    /**
     * One question version in one quiz: the figures over the quiz's counted first attempts that were given it, the
     * version's flag (raised once, by whichever quiz crossed a threshold first) and the learner model's parameters.
     */
    public record VersionStatistics(int version, int attempts, @Schema(nullable = true) Double facility,
            @Schema(nullable = true) Double discrimination, List<String> flags,
            @Schema(nullable = true) FlagView flag, @Schema(nullable = true) ModelParameters model) {
    }

    /** A question version's flag: why, and the figures of the grading that raised it (in quiz {@code quizId}). */
    public record FlagView(List<String> reasons, int firstAttempts, double facility,
            @Schema(nullable = true) Double discrimination, UUID quizId, OffsetDateTime flaggedAt) {
    }

    /**
     * The learner model's estimate of a question version (skills-service's newest fit): difficulty (logit of the
     * share of wrong answers), guess, slip, and how many answers the fit rested on.
     */
    public record ModelParameters(double difficulty, double guess, double slip, int answers, OffsetDateTime fittedAt) {
    }

    /** {@code minimumAttemptsToFlag}: the counted first attempts a version needs before it is flagged. */
    public record Thresholds(double tooEasyAbove, double tooHardBelow, double poorDiscriminationBelow,
            int minimumAttemptsToFlag) {
    }

    public record QuizStatistics(UUID quizId, String title, String basis, int attempts, @Schema(nullable = true) Double averagePercentage,
            @Schema(nullable = true) Double passRate, Thresholds thresholds, List<QuestionStatistics> questions) {
    }
}
