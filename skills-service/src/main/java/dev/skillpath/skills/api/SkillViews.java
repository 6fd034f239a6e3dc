package dev.skillpath.skills.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.skillpath.platform.api.Slugs;
import dev.skillpath.platform.learning.Fsrs;
import dev.skillpath.platform.learning.SkillMemory;
import dev.skillpath.skills.domain.KnowledgeTracing;
import dev.skillpath.platform.catalog.Level;
import dev.skillpath.skills.domain.Mastery;
import dev.skillpath.skills.domain.RelationType;
import dev.skillpath.skills.domain.SelfReportedStatus;
import dev.skillpath.skills.domain.Skill;
import dev.skillpath.skills.domain.SkillCategory;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The request and response bodies of the skills API. */
public final class SkillViews {


    private SkillViews() {
    }

    /** A skill as an author writes it. */
    public record SkillInput(
            @NotBlank @Size(max = 60) @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String slug,
            @NotBlank @Size(max = 120) String name,
            @NotBlank @Size(max = 300) String summary,
            @NotBlank @Size(max = 10_000) String description,
            @NotNull Level level,
            @NotBlank @Size(max = 60) String category,
            @Valid TracingInput knowledgeTracing) {
    }

    /** Knowledge tracing parameters of a skill; each is a probability. */
    public record TracingInput(
            @NotNull @DecimalMin("0") @DecimalMax("1") Double prior,
            @NotNull @DecimalMin("0") @DecimalMax("1") Double learn,
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) Double guess,
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) Double slip) {
    }

    public record RelationInput(@NotNull RelationType type, @NotBlank @Size(max = 100) String target) {
    }

    public record StatusInput(@NotNull SelfReportedStatus.Status status) {
    }

    public record SkillRef(UUID id, String slug, String name) {
        static SkillRef of(Skill s) {
            return new SkillRef(s.id, s.slug, s.name);
        }
    }

    public record SkillSummary(UUID id, String slug, String name, String summary, Level level, String category,
            boolean retired) {
        static SkillSummary of(Skill s) {
            return new SkillSummary(s.id, s.slug, s.name, s.summary, s.level, s.category.slug, s.retired);
        }
    }

    /**
     * The parameters the learner model uses for a skill: fitted from the evidence ({@code source} "fitted", with the
     * fit they come from), else set by an author ("authored"), else the defaults ("default").
     */
    public record Tracing(double prior, double learn, double guess, double slip, String source, @Schema(nullable = true) FitRef fit) {
        static Tracing of(KnowledgeTracing k, String source, FitRef fit) {
            return new Tracing(round(k.prior()), round(k.learn()), round(k.guess()), round(k.slip()), source, fit);
        }
    }

    /** A fit of the learner model, and how much evidence a fitted value rests on. */
    public record FitRef(long id, OffsetDateTime fittedAt, int observations, int learners) {
    }

    /** A relation seen from one skill: outgoing (this skill —type→ other) or incoming (other —type→ this). */
    public record RelationView(RelationType type, String direction, SkillRef skill) {
    }

    public record SkillDetail(UUID id, String slug, String name, String summary, String description, Level level,
            CategoryRef category, boolean retired, Tracing knowledgeTracing, List<RelationView> relations,
            List<String> formerSlugs, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    public record CategoryRef(String slug, String name) {
        static CategoryRef of(SkillCategory c) {
            return new CategoryRef(c.slug, c.name);
        }
    }

    public record CategoryView(UUID id, String slug, String name, String description, long skills) {
    }

    /**
     * A learner's estimate for one skill. {@code evidence} is "direct" when the learner answered questions on the
     * skill or completed its lessons, "inferred" when only the prerequisite graph moved it (evidence on skills that
     * require it, or on its prerequisites).
     */
    public record MasteryView(SkillRef skill,
            @Schema(description = "the estimate at the last evidence") double probability,
            @Schema(description = "the estimate now: at the last evidence × the chance of recall since (retrievability),"
                    + " the same as probability for a skill without a memory") double probabilityNow,
            @Schema(enumeration = {"mastered", "review-due", "learning"}) String state, String evidence,
            int observations, int correctAnswers, int learningSteps,
            @Schema(nullable = true) OffsetDateTime lastEvidenceAt, @Schema(nullable = true) OffsetDateTime masteredAt,
            @Schema(nullable = true) String selfReported,
            @Schema(nullable = true, description = "the skill's memory since it was first mastered") MemoryView memory) {
        static MasteryView inferred(SkillRef skill, double probability, SelfReportedStatus reported) {
            return new MasteryView(skill, round(probability), round(probability),
                    KnowledgeTracing.isMastered(probability) ? "mastered" : "learning", "inferred", 0, 0, 0, null, null,
                    reported == null ? null : reported.status.name(), null);
        }

        static MasteryView of(Mastery m, Skill s, SelfReportedStatus reported, double probability, Fsrs fsrs,
                Instant now) {
            MemoryView memory = m.memory().map(mem -> MemoryView.of(mem, fsrs, now)).orElse(null);
            double probabilityNow = memory == null ? probability : SkillMemory.decayed(probability, memory.retrievability());
            return new MasteryView(SkillRef.of(s), round(probability), round(probabilityNow),
                    state(probability, memory), m.direct ? "direct" : "inferred", m.observations, m.correctAnswers,
                    m.learningSteps, m.lastEvidenceAt, m.masteredAt, reported == null ? null : reported.status.name(),
                    memory);
        }

        /** Mastered while the review is not due; review due once it is, until a review; else learning. */
        static String state(double probability, MemoryView memory) {
            if (!KnowledgeTracing.isMastered(probability)) {
                return "learning";
            }
            return memory != null && memory.due() ? "review-due" : "mastered";
        }
    }

    /**
     * A mastered skill's memory (FSRS-6, docs/learning.md "Forgetting and reviews"): when its review is due, whether
     * it is due now, the chance of recall now, and the state after the reviews so far.
     */
    public record MemoryView(OffsetDateTime dueAt, boolean due,
            @Schema(description = "the chance of recall now, on the forgetting curve") double retrievability,
            @Schema(description = "days until the chance of recall falls to 90 %") double stability,
            @Schema(description = "1 (easiest) … 10 (hardest)") double difficulty, int reviews, int lapses,
            OffsetDateTime lastReviewAt) {
        static MemoryView of(SkillMemory m, Fsrs fsrs, Instant now) {
            return new MemoryView(m.due(fsrs).atOffset(ZoneOffset.UTC), m.isDue(fsrs, now),
                    round(m.retrievability(fsrs, now)), round(m.state().stability()), round(m.state().difficulty()),
                    m.reviews(), m.lapses(), m.lastReviewAt().atOffset(ZoneOffset.UTC));
        }
    }

    /** One mastered skill's review: the skill, its estimates at the last evidence and now, and its memory. */
    public record ReviewView(SkillRef skill, double probability, double probabilityNow, MemoryView memory) {
    }

    /**
     * A learner's reviews as of {@code asOf}: those due (most overdue first), then the upcoming ones (soonest first),
     * scheduled for the requested retention.
     */
    public record ReviewsView(String learnerId, OffsetDateTime asOf, double retention, List<ReviewView> due,
            List<ReviewView> upcoming) {
    }

    /** A question as evidence names it. */
    public record QuestionRef(UUID id, @Schema(nullable = true) Integer version, String type) {
    }

    /**
     * One piece of evidence behind an estimate: a graded answer (with its question) or a completed lesson, when,
     * and how far it moved this skill's estimate. {@code direct} is false when it moved the skill through the graph.
     */
    public record EvidenceView(long id, String kind, OffsetDateTime at, @Schema(nullable = true) QuestionRef question, @Schema(nullable = true) UUID quizId,
            @Schema(nullable = true) UUID attemptId, @Schema(nullable = true) UUID lessonId, @Schema(nullable = true) Boolean answered, @Schema(nullable = true) Boolean correct, boolean direct, double before,
            double after, double change) {
    }

    public record MasteryList(String learnerId, List<MasteryView> skills, List<SelfReportedView> selfReportedOnly) {
    }

    public record SelfReportedView(SkillRef skill, String status, OffsetDateTime updatedAt) {
    }

    /** A skill on a learner's frontier or path, with the learner's current estimate. */
    public record SkillProgress(SkillSummary skill, double probability, boolean mastered) {
    }

    public record PathView(SkillRef target, boolean personalised, List<SkillProgress> steps) {
    }

    /** A skill whose prerequisites are all mastered: how ready the learner is for it, and why. */
    public record FrontierEntry(SkillSummary skill, double probability, double readiness, String reason) {
    }

    /**
     * The learner's frontier: {@code skills}, ready to learn (most ready first); {@code toConfirm}, skills whose
     * prerequisites are mastered that the learner probably knows already but has not shown.
     */
    public record FrontierView(String learnerId, List<FrontierEntry> skills, List<FrontierEntry> toConfirm) {
    }

    static double round(double p) {
        return Math.round(p * 10_000d) / 10_000d;
    }
}
