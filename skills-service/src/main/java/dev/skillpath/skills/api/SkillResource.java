package dev.skillpath.skills.api;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
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

import dev.skillpath.problems.ProblemType;
import dev.skillpath.platform.api.Page;
import dev.skillpath.platform.api.PageRequest;
import dev.skillpath.skills.domain.KnowledgeTracing;
import dev.skillpath.skills.domain.MasteryTracker;
import dev.skillpath.skills.domain.ModelInForce;
import dev.skillpath.skills.store.ModelStore;
import dev.skillpath.platform.api.ProblemException;
import dev.skillpath.platform.security.Caller;
import dev.skillpath.platform.security.Roles;
import dev.skillpath.skills.api.SkillViews.PathView;
import dev.skillpath.skills.api.SkillViews.RelationInput;
import dev.skillpath.skills.api.SkillViews.RelationView;
import dev.skillpath.skills.api.SkillViews.SkillDetail;
import dev.skillpath.skills.api.SkillViews.SkillInput;
import dev.skillpath.skills.api.SkillViews.SkillProgress;
import dev.skillpath.skills.api.SkillViews.SkillRef;
import dev.skillpath.skills.api.SkillViews.SkillSummary;
import dev.skillpath.skills.api.SkillViews.Tracing;
import dev.skillpath.skills.domain.Catalogue;
import dev.skillpath.platform.catalog.Level;
import dev.skillpath.skills.domain.RelationType;
import dev.skillpath.skills.domain.Skill;
import dev.skillpath.skills.domain.SkillRelation;
import dev.skillpath.skills.store.CatalogueStore;

@Path("/api/v1/skills")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Skills", description = "The skills catalogue: skills, their relations, prerequisites and learning paths")
public class SkillResource {

    @Inject
    CatalogueStore store;

    @Inject
    Catalogue catalogue;

    @Inject
    ModelInForce model;

    @Inject
    ModelStore fits;

    @Inject
    MasteryTracker tracker;

    @Inject
    Caller caller;

    @GET
    @PermitAll
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(operationId = "listSkills",
            summary = "List skills", description = "Filter by category slug, level and text (name, summary, slug); paged.")
    public Page<SkillSummary> list(@QueryParam("category") String category, @QueryParam("q") String text,
            @QueryParam("level") String level, @QueryParam("includeRetired") boolean includeRetired,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest request = PageRequest.of(page, size);
        Level.fromQuery(level);
        if (text != null && text.length() > 200) {
            throw ProblemException.invalid("The text filter is too long.",
                    List.of(new dev.skillpath.platform.api.Problem.Violation("q", "must be at most 200 characters")));
        }
        CatalogueStore.ListResult result = store.list(category, text, level, includeRetired, request);
        return Page.of(result.skills().stream().map(SkillSummary::of).toList(), request, result.total());
    }

    @GET
    @Path("/{skill}")
    @PermitAll
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(operationId = "getSkill",
            summary = "One skill with its relations", description = "By slug or id; a former slug redirects (301) to the current one.")
    @APIResponse(responseCode = "200", description = "The skill", content = @Content(mediaType = "application/json", schema = @Schema(implementation = SkillDetail.class)))
    @APIResponse(responseCode = "301", description = "A former slug: Location names the current one")
    public Response get(@PathParam("skill") String ref) {
        CatalogueStore.Found found = found(ref);
        if (found.formerSlug()) {
            return Response.status(Response.Status.MOVED_PERMANENTLY)
                    .location(URI.create("/api/v1/skills/" + found.skill().slug)).build();
        }
        return Response.ok(detail(found.skill())).build();
    }

    @GET
    @Path("/{skill}/prerequisites")
    @PermitAll
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(operationId = "listPrerequisites",
            summary = "Every skill this one requires, directly or not, in an order that can be followed")
    public List<SkillSummary> prerequisites(@PathParam("skill") String ref) {
        Skill skill = found(ref).skill();
        Map<UUID, Skill> skills = store.activeSkills();
        if (!skills.containsKey(skill.id)) {
            return List.of();
        }
        return store.requiresGraph(skills).prerequisites(skill.id).stream().map(id -> SkillSummary.of(skills.get(id)))
                .toList();
    }

    @GET
    @Path("/{skill}/path")
    @PermitAll
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(operationId = "getSkillPath", summary = "A learning path to this skill",
            description = "What is still to learn, in order. With a token, leaves out what the caller has mastered.")
    public PathView path(@PathParam("skill") String ref) {
        Skill target = found(ref).skill();
        Map<UUID, Skill> skills = store.activeSkills();
        if (!skills.containsKey(target.id)) {
            throw ProblemException.conflict(ProblemType.RETIRED_SKILL, "The skill '" + target.slug + "' is retired.");
        }
        boolean personal = !caller.isAnonymous();
        ModelInForce.Snapshot snap = model.current();
        double[] known = personal ? tracker.estimates(caller.id(), snap) : snap.baseline();
        Set<UUID> mastered = new java.util.HashSet<>();
        for (int i = 0; i < known.length; i++) {
            if (KnowledgeTracing.isMastered(known[i])) {
                mastered.add(snap.graph().skill(i));
            }
        }
        List<SkillProgress> steps = new ArrayList<>();
        for (UUID id : store.requiresGraph(skills).pathTo(target.id, mastered)) {
            Skill s = skills.get(id);
            int i = snap.graph().indexOf(id);
            double p = i < 0 ? 0 : known[i];
            steps.add(new SkillProgress(SkillSummary.of(s), SkillViews.round(p), false));
        }
        return new PathView(SkillRef.of(target), personal, steps);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.AUTHOR, Roles.ADMIN })
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "createSkill", summary = "Create a skill (authors)")
    @APIResponse(responseCode = "201", description = "The skill (Location: it)", content = @Content(mediaType = "application/json", schema = @Schema(implementation = SkillDetail.class)))
    public Response create(@Valid @NotNull SkillInput input) {
        Skill skill = catalogue.create(input);
        return Response.created(URI.create("/api/v1/skills/" + skill.slug)).entity(detail(skill)).build();
    }

    @PUT
    @Path("/{skill}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.AUTHOR, Roles.ADMIN })
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "updateSkill",
            summary = "Update a skill (authors)", description = "A new slug keeps the old one as an alias; the id never changes.")
    public SkillDetail update(@PathParam("skill") String ref, @Valid @NotNull SkillInput input) {
        return detail(catalogue.update(ref, input));
    }

    @DELETE
    @Path("/{skill}")
    @RolesAllowed({ Roles.AUTHOR, Roles.ADMIN })
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "retireSkill",
            summary = "Retire a skill (authors)", description = "It leaves lists, paths and frontiers; learners keep their evidence.")
    @APIResponse(responseCode = "204", description = "Retired")
    public Response retire(@PathParam("skill") String ref) {
        catalogue.retire(ref);
        return Response.noContent().build();
    }

    @POST
    @Path("/{skill}/relations")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.AUTHOR, Roles.ADMIN })
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "addRelation", summary = "Relate a skill to another (authors)",
            description = "A requires relation that would close a cycle is refused with 409 naming the cycle.")
    @APIResponse(responseCode = "201", description = "Related", content = @Content(mediaType = "application/json", schema = @Schema(implementation = SkillDetail.class)))
    @APIResponse(responseCode = "200", description = "The relation was there already", content = @Content(mediaType = "application/json", schema = @Schema(implementation = SkillDetail.class)))
    public Response relate(@PathParam("skill") String ref, @Valid @NotNull RelationInput input) {
        boolean created = catalogue.relate(ref, input);
        return Response.status(created ? 201 : 200).entity(detail(found(ref).skill())).build();
    }

    @DELETE
    @Path("/{skill}/relations/{type}/{target}")
    @RolesAllowed({ Roles.AUTHOR, Roles.ADMIN })
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "removeRelation", summary = "Remove a relation (authors)")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response unrelate(@PathParam("skill") String ref, @PathParam("type") String type,
            @PathParam("target") String target) {
        RelationType relationType;
        try {
            relationType = RelationType.of(type);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("There is no relation type '" + type + "'.");
        }
        catalogue.unrelate(ref, relationType, target);
        return Response.noContent().build();
    }

    private CatalogueStore.Found found(String ref) {
        return store.find(ref).orElseThrow(() -> ProblemException.notFound("There is no skill '" + ref + "'."));
    }

    /** The parameters in force for the skill, and where they come from. */
    private Tracing tracing(Skill s) {
        ModelInForce.Snapshot snap = model.current();
        ModelStore.SkillFitRow fitted = snap.fitted().get(s.id);
        if (fitted != null) {
            OffsetDateTime at = fitRow(snap.fitId());
            return Tracing.of(fitted.parameters(), "fitted",
                    new SkillViews.FitRef(snap.fitId(), at, fitted.observations(), fitted.learners()));
        }
        boolean authored = s.bktPrior != null || s.bktLearn != null || s.bktGuess != null || s.bktSlip != null;
        return Tracing.of(s.knowledgeTracing(), authored ? "authored" : "default", null);
    }

    private OffsetDateTime fitRow(long fitId) {
        return fits.fit(fitId).map(ModelStore.FitRow::finishedAt).orElse(null);
    }

    private SkillDetail detail(Skill s) {
        List<RelationView> relations = new ArrayList<>();
        for (SkillRelation r : store.relationsOf(s.id)) {
            boolean outgoing = r.skillId.equals(s.id);
            Skill other = Skill.findById(outgoing ? r.targetId : r.skillId);
            relations.add(new RelationView(r.type(), outgoing ? "outgoing" : "incoming", SkillRef.of(other)));
        }
        relations.sort(Comparator.comparing((RelationView r) -> r.type().ordinal())
                .thenComparing(RelationView::direction, Comparator.reverseOrder())
                .thenComparing(r -> r.skill().slug()));
        return new SkillDetail(s.id, s.slug, s.name, s.summary, s.description, s.level,
                SkillViews.CategoryRef.of(s.category), s.retired, tracing(s), relations,
                store.formerSlugs(s.id), s.createdAt, s.updatedAt);
    }
}
