package dev.skillpath.skills.api;

import java.time.OffsetDateTime;
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
import dev.skillpath.skills.domain.KnowledgeTracing;
import dev.skillpath.platform.catalog.Level;
import dev.skillpath.skills.domain.Mastery;
import dev.skillpath.skills.domain.RelationType;
import dev.skillpath.skills.domain.SelfReportedStatus;
import dev.skillpath.skills.domain.Skill;
import dev.skillpath.skills.domain.SkillCategory;

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

    public record Tracing(double prior, double learn, double guess, double slip) {
        static Tracing of(KnowledgeTracing k) {
            return new Tracing(k.prior(), k.learn(), k.guess(), k.slip());
        }
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

    public record MasteryView(SkillRef skill, double probability, String state, int observations, int correctAnswers,
            int learningSteps, OffsetDateTime lastEvidenceAt, OffsetDateTime masteredAt, String selfReported) {
        static MasteryView of(Mastery m, Skill s, SelfReportedStatus reported) {
            return new MasteryView(SkillRef.of(s), round(m.probability), m.state(), m.observations, m.correctAnswers,
                    m.learningSteps, m.lastEvidenceAt, m.masteredAt, reported == null ? null : reported.status.name());
        }
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

    public record FrontierView(String learnerId, List<SkillProgress> skills) {
    }

    static double round(double p) {
        return Math.round(p * 10_000d) / 10_000d;
    }
}
