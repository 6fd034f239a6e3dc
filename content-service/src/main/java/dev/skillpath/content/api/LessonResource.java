package dev.skillpath.content.api;

import java.net.URI;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

import dev.skillpath.content.api.LessonViews.CompletionView;
import dev.skillpath.content.api.LessonViews.DraftView;
import dev.skillpath.content.api.LessonViews.LessonChanges;
import dev.skillpath.content.api.LessonViews.LessonSummary;
import dev.skillpath.content.api.LessonViews.LessonView;
import dev.skillpath.content.api.LessonViews.NewLesson;
import dev.skillpath.content.api.LessonViews.SkillTag;
import dev.skillpath.content.api.LessonViews.VersionSummary;
import dev.skillpath.content.domain.Lesson;
import dev.skillpath.content.domain.LessonStatus;
import dev.skillpath.content.domain.LessonVersion;
import dev.skillpath.content.domain.Lessons;
import dev.skillpath.content.store.LessonStore;
import dev.skillpath.platform.api.Page;
import dev.skillpath.platform.api.PageRequest;
import dev.skillpath.platform.api.Problem;
import dev.skillpath.platform.api.ProblemException;
import dev.skillpath.platform.catalog.KnownSkills;
import dev.skillpath.platform.catalog.Level;
import dev.skillpath.platform.security.Caller;
import dev.skillpath.platform.security.Roles;

@Path("/api/v1/lessons")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Lessons", description = "Lessons: published versions for learners, drafts for authors, completions")
public class LessonResource {

    @Inject
    LessonStore store;

    @Inject
    Lessons lessons;

    @Inject
    KnownSkills knownSkills;

    @Inject
    Caller caller;

    @GET
    @PermitAll
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(operationId = "listLessons",
            summary = "List lessons", description = "Learners see published lessons; authors see every lesson and may filter by status. Filters: skill (slug or id), level, q (title and summary); paged.")
    public Page<LessonSummary> list(@QueryParam("skill") String skill, @QueryParam("level") String level,
            @QueryParam("q") String text, @QueryParam("status") String status, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        PageRequest request = PageRequest.of(page, size);
        LessonStatus wanted = status(status);
        if (text != null && text.length() > 200) {
            throw ProblemException.invalid("The text filter is too long.",
                    List.of(new Problem.Violation("q", "must be at most 200 characters")));
        }
        UUID skillId = skill == null || skill.isBlank() ? null : knownSkills.find(skill).map(KnownSkills.KnownSkill::id)
                .orElse(new UUID(0, 0)); // an unknown skill matches no lesson
        LessonStore.Filter filter = new LessonStore.Filter(skillId, Level.fromQuery(level), text, wanted);
        if (caller.canAuthor()) {
            LessonStore.Listed<Lesson> listed = store.all(filter, request);
            Map<UUID, KnownSkills.KnownSkill> names = knownSkills.byIds(allSkills(listed.items().stream()
                    .map(l -> l.skillIds).toList()));
            return Page.of(listed.items().stream().map(l -> new LessonSummary(l.id, l.slug, l.title, l.summary,
                    l.level, l.estimatedMinutes, tags(l.skillIds, names), l.status, l.publishedVersion)).toList(),
                    request, listed.total());
        }
        if (wanted != null && wanted != LessonStatus.PUBLISHED) {
            throw ProblemException.forbidden("Only authors can list lessons that are not published.");
        }
        LessonStore.Listed<LessonVersion> listed = store.published(filter, request);
        Map<UUID, KnownSkills.KnownSkill> names = knownSkills.byIds(allSkills(listed.items().stream()
                .map(v -> v.skillIds).toList()));
        Map<UUID, Lesson> owners = store.lessons(listed.items().stream().map(v -> v.lessonId).toList());
        return Page.of(listed.items().stream().map(v -> new LessonSummary(v.lessonId, owners.get(v.lessonId).slug,
                v.title, v.summary, v.level, v.estimatedMinutes, tags(v.skillIds, names), LessonStatus.PUBLISHED,
                v.version)).toList(), request, listed.total());
    }

    @GET
    @Path("/{slug}")
    @PermitAll
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(operationId = "getLesson",
            summary = "Read a lesson", description = "The latest published version. Drafts are never shown here; authors read the working copy at /draft.")
    public LessonView read(@PathParam("slug") String slug) {
        Lesson lesson = readable(slug);
        return view(lesson, LessonVersion.of(lesson.id, lesson.publishedVersion));
    }

    @GET
    @Path("/{slug}/versions")
    @PermitAll
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(operationId = "listLessonVersions", summary = "The published versions of a lesson, newest first")
    public List<VersionSummary> versions(@PathParam("slug") String slug) {
        Lesson lesson = caller.canAuthor() ? existing(slug) : readable(slug);
        return LessonVersion.<LessonVersion>list("lessonId = ?1 order by version desc", lesson.id).stream()
                .map(v -> new VersionSummary(v.version, v.title, v.publishedAt,
                        lesson.readable() && v.version == lesson.publishedVersion))
                .toList();
    }

    @GET
    @Path("/{slug}/versions/{version}")
    @PermitAll
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(operationId = "getLessonVersion", summary = "One published version of a lesson")
    public LessonView version(@PathParam("slug") String slug, @PathParam("version") String number) {
        Lesson lesson = caller.canAuthor() ? existing(slug) : readable(slug);
        int n;
        try {
            n = Integer.parseInt(number);
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("There is no version '" + number + "' of '" + slug + "'.");
        }
        LessonVersion version = LessonVersion.of(lesson.id, n);
        if (version == null) {
            throw ProblemException.notFound("There is no version " + n + " of '" + slug + "'.");
        }
        return view(lesson, version);
    }

    @GET
    @Path("/{slug}/draft")
    @RolesAllowed({ Roles.AUTHOR, Roles.ADMIN })
    @SecurityRequirement(name = "bearer")
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(operationId = "getLessonDraft", summary = "The working copy of a lesson (authors)")
    public DraftView draft(@PathParam("slug") String slug) {
        return draftView(existing(slug));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.AUTHOR, Roles.ADMIN })
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "createLesson",
            summary = "Create a lesson as a draft (authors)", description = "Skill tags (slugs or ids) must be skills of the catalogue: 422 otherwise, 503 while this service has not received the catalogue yet.")
    @APIResponse(responseCode = "201", description = "The draft (Location: its draft)", content = @Content(mediaType = "application/json", schema = @Schema(implementation = DraftView.class)))
    @APIResponse(responseCode = "409", description = "The slug is taken (slug-taken), also when another request created it at the same time")
    @APIResponse(responseCode = "422", description = "A skill tag is not an active skill of the catalogue")
    public Response create(@Valid @NotNull NewLesson input) {
        Lesson lesson = lessons.create(input);
        return Response.created(URI.create("/api/v1/lessons/" + lesson.slug + "/draft")).entity(draftView(lesson))
                .build();
    }

    @PUT
    @Path("/{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.AUTHOR, Roles.ADMIN })
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "updateLesson",
            summary = "Edit the working copy (authors)", description = "Learners keep reading the published version until the next publish.")
    public DraftView update(@PathParam("slug") String slug, @Valid @NotNull LessonChanges input) {
        return draftView(lessons.update(slug, input));
    }

    @POST
    @Path("/{slug}/publish")
    @RolesAllowed({ Roles.AUTHOR, Roles.ADMIN })
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "publishLesson",
            summary = "Publish the working copy as a new version (authors)", description = "Publishing an unchanged published lesson changes nothing; publishes at once make one version, and each answers with it.")
    public LessonView publish(@PathParam("slug") String slug) {
        LessonVersion version = lessons.publish(slug, caller.id());
        return view(Lesson.findBySlug(slug), version);
    }

    @DELETE
    @Path("/{slug}")
    @RolesAllowed({ Roles.AUTHOR, Roles.ADMIN })
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "retireLesson",
            summary = "Retire a lesson (authors)", description = "Learners no longer see it; completions stay. Publishing brings it back.")
    @APIResponse(responseCode = "204", description = "Retired")
    public Response retire(@PathParam("slug") String slug) {
        lessons.retire(slug);
        return Response.noContent().build();
    }

    @POST
    @Path("/{slug}/completions")
    @RolesAllowed({ Roles.LEARNER, Roles.AUTHOR, Roles.ADMIN })
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "completeLesson",
            summary = "Record that you finished the current version", description = "201 the first time; completing the same version again answers 200 with the existing completion and changes nothing.")
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(mediaType = "application/json", schema = @Schema(implementation = CompletionView.class)))
    @APIResponse(responseCode = "200", description = "Already recorded for this version", content = @Content(mediaType = "application/json", schema = @Schema(implementation = CompletionView.class)))
    public Response complete(@PathParam("slug") String slug) {
        Lessons.Completed done = lessons.complete(slug, caller.id());
        Lesson lesson = Lesson.findBySlug(slug);
        CompletionView view = new CompletionView(lesson.id, lesson.slug, lesson.title, done.completion().version,
                done.completion().completedAt);
        return Response.status(done.created() ? 201 : 200).entity(view).build();
    }

    private Lesson existing(String slug) {
        Lesson lesson = Lesson.findBySlug(slug);
        if (lesson == null) {
            throw ProblemException.notFound("There is no lesson '" + slug + "'.");
        }
        return lesson;
    }

    private Lesson readable(String slug) {
        Lesson lesson = Lesson.findBySlug(slug);
        if (lesson == null || !lesson.readable()) {
            throw ProblemException.notFound("There is no published lesson '" + slug + "'.");
        }
        return lesson;
    }

    private LessonView view(Lesson lesson, LessonVersion v) {
        return new LessonView(lesson.id, lesson.slug, v.version, v.title, v.summary, v.body, v.level,
                v.estimatedMinutes, tags(v.skillIds, knownSkills.byIds(v.skillIds)), v.publishedAt);
    }

    private DraftView draftView(Lesson l) {
        return new DraftView(l.id, l.slug, l.status, l.title, l.summary, l.body, l.level, l.estimatedMinutes,
                tags(l.skillIds, knownSkills.byIds(l.skillIds)), l.publishedVersion, l.unpublishedChanges, l.updatedAt);
    }

    static List<SkillTag> tags(List<UUID> ids, Map<UUID, KnownSkills.KnownSkill> names) {
        return ids.stream().map(id -> {
            KnownSkills.KnownSkill s = names.get(id);
            return new SkillTag(id, s == null ? null : s.slug(), s == null ? null : s.name());
        }).toList();
    }

    static Set<UUID> allSkills(Collection<List<UUID>> lists) {
        Set<UUID> all = new HashSet<>();
        lists.forEach(all::addAll);
        return all;
    }

    private static LessonStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return LessonStatus.of(status);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("Unknown status '" + status + "'.",
                    List.of(new Problem.Violation("status", e.getMessage())));
        }
    }
}
