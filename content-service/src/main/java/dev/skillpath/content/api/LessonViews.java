package dev.skillpath.content.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.skillpath.content.domain.LessonStatus;
import dev.skillpath.platform.api.Slugs;
import dev.skillpath.platform.catalog.Level;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The request and response bodies of the content API. */
public final class LessonViews {


    private LessonViews() {
    }

    /** A new lesson, as an author writes it; it starts as a draft. */
    public record NewLesson(
            @NotBlank @Size(max = 80) @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String slug,
            @NotBlank @Size(max = 200) String title,
            @NotBlank @Size(max = 500) String summary,
            @NotBlank @Size(max = 100_000) String body,
            @NotNull Level level,
            @NotNull @Min(1) @Max(600) Integer estimatedMinutes,
            @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 100) String> skills) {
    }

    /** The working copy after an author's edit (the slug never changes). */
    public record LessonChanges(
            @NotBlank @Size(max = 200) String title,
            @NotBlank @Size(max = 500) String summary,
            @NotBlank @Size(max = 100_000) String body,
            @NotNull Level level,
            @NotNull @Min(1) @Max(600) Integer estimatedMinutes,
            @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 100) String> skills) {
    }

    public record SkillTag(UUID id, String slug, String name) {
    }

    /** What learners read: one published version. */
    public record LessonView(UUID id, String slug, int version, String title, String summary, String body,
            Level level, int estimatedMinutes, List<SkillTag> skills, OffsetDateTime publishedAt) {
    }

    /** A lesson in a list. For learners it shows the published version; for authors the working copy. */
    public record LessonSummary(UUID id, String slug, String title, String summary, Level level, int estimatedMinutes,
            List<SkillTag> skills, LessonStatus status, @Schema(nullable = true) Integer publishedVersion) {
    }

    /** The working copy, for authors. */
    public record DraftView(UUID id, String slug, LessonStatus status, String title, String summary, String body,
            Level level, int estimatedMinutes, List<SkillTag> skills, @Schema(nullable = true) Integer publishedVersion,
            boolean unpublishedChanges, OffsetDateTime updatedAt) {
    }

    public record VersionSummary(int version, String title, OffsetDateTime publishedAt, boolean current) {
    }

    public record CompletionView(UUID lessonId, String lessonSlug, String lessonTitle, int version,
            OffsetDateTime completedAt) {
    }

    /** A search result: the lesson, how well it matched, and where (highlights wrapped in {@code <mark>}). */
    public record SearchHit(UUID id, String slug, String title, String summary, Level level, List<SkillTag> skills,
            double rank, String titleHighlight, String snippet) {
    }

    /**
     * A page of search results. For a query matching more lessons than search ranks (1,000), {@code total} is an
     * estimate and {@code totalEstimated} is true; the page is the best of those ranked (docs/api.md, "Search").
     */
    public record SearchResults(String query, @Schema(nullable = true) String correctedQuery, List<SearchHit> items, int page, int size,
            long total,
            @Schema(description = "True when total is an estimate: the query matches more lessons than are ranked.")
            boolean totalEstimated) {
    }
}
