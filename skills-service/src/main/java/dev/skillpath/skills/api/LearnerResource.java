package dev.skillpath.skills.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.skillpath.platform.api.ProblemException;
import dev.skillpath.platform.security.Caller;
import dev.skillpath.skills.api.SkillViews.FrontierView;
import dev.skillpath.skills.api.SkillViews.MasteryList;
import dev.skillpath.skills.api.SkillViews.MasteryView;
import dev.skillpath.skills.api.SkillViews.SelfReportedView;
import dev.skillpath.skills.api.SkillViews.SkillProgress;
import dev.skillpath.skills.api.SkillViews.SkillRef;
import dev.skillpath.skills.api.SkillViews.SkillSummary;
import dev.skillpath.skills.api.SkillViews.StatusInput;
import dev.skillpath.skills.domain.Mastery;
import dev.skillpath.skills.domain.SelfReportedStatus;
import dev.skillpath.skills.domain.Skill;
import dev.skillpath.skills.store.CatalogueStore;
import dev.skillpath.skills.store.MasteryStore;
import io.quarkus.security.Authenticated;

/** A learner's own mastery, frontier and self-reported status. Admins may read anyone's with {@code ?learner=}. */
@Path("/api/v1/learners/me")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Mastery", description = "What a learner has demonstrated, what they can learn next, and what they say")
public class LearnerResource {

    @Inject
    Caller caller;

    @Inject
    MasteryStore mastery;

    @Inject
    CatalogueStore catalogue;

    @GET
    @Path("/mastery")
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "Every skill with evidence: probability, state, observations, last evidence",
            description = "Self-reported status is shown beside demonstrated mastery and never changes it.")
    public MasteryList mastery(@Parameter(description = "admins only: another learner's id") @QueryParam("learner") String learner) {
        String learnerId = caller.learnerOrSelf(learner);
        Map<UUID, SelfReportedStatus> reported = mastery.selfReported(learnerId);
        List<MasteryView> views = new ArrayList<>();
        for (Mastery m : mastery.of(learnerId)) {
            views.add(MasteryView.of(m, Skill.findById(m.skillId), reported.remove(m.skillId)));
        }
        views.sort(Comparator.comparing(MasteryView::probability).reversed().thenComparing(v -> v.skill().slug()));
        List<SelfReportedView> only = reported.values().stream()
                .map(s -> new SelfReportedView(SkillRef.of(Skill.findById(s.skillId)), s.status.name(), s.updatedAt))
                .sorted(Comparator.comparing(v -> v.skill().slug())).toList();
        return new MasteryList(learnerId, views, only);
    }

    @GET
    @Path("/frontier")
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "What the learner can learn next",
            description = "Skills not mastered whose every required prerequisite is mastered.")
    public FrontierView frontier(@Parameter(description = "admins only: another learner's id") @QueryParam("learner") String learner) {
        String learnerId = caller.learnerOrSelf(learner);
        Map<UUID, Skill> skills = catalogue.activeSkills();
        Map<UUID, Double> estimates = mastery.estimates(learnerId);
        Set<UUID> mastered = MasteryStore.mastered(estimates);
        List<SkillProgress> frontier = catalogue.requiresGraph(skills).frontier(mastered).stream()
                .map(id -> {
                    Skill s = skills.get(id);
                    return new SkillProgress(SkillSummary.of(s),
                            SkillViews.round(estimates.getOrDefault(id, s.knowledgeTracing().prior())), false);
                }).toList();
        return new FrontierView(learnerId, frontier);
    }

    @PUT
    @Path("/skills/{skill}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Say where you are with a skill: done, learning or skipped")
    public SelfReportedView report(@PathParam("skill") String ref, @Valid @NotNull StatusInput input) {
        String learnerId = caller.id();
        Skill skill = skill(ref);
        SelfReportedStatus status = SelfReportedStatus.findById(new Mastery.Key(learnerId, skill.id));
        if (status == null) {
            status = new SelfReportedStatus();
            status.learnerId = learnerId;
            status.skillId = skill.id;
        }
        status.status = input.status();
        status.persist();
        SelfReportedStatus.flush();
        return new SelfReportedView(SkillRef.of(skill), status.status.name(), status.updatedAt);
    }

    @DELETE
    @Path("/skills/{skill}/status")
    @Transactional
    @Operation(summary = "Withdraw what you said about a skill")
    public Response withdraw(@PathParam("skill") String ref) {
        Skill skill = skill(ref);
        SelfReportedStatus.delete("learnerId = ?1 and skillId = ?2", caller.id(), skill.id);
        return Response.noContent().build();
    }

    private Skill skill(String ref) {
        return catalogue.find(ref).map(CatalogueStore.Found::skill)
                .orElseThrow(() -> ProblemException.notFound("There is no skill '" + ref + "'."));
    }
}
