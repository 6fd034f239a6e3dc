package dev.skillpath.skills.api;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.skillpath.platform.api.ProblemException;
import dev.skillpath.platform.learning.Fsrs;
import dev.skillpath.platform.learning.SkillMemory;
import dev.skillpath.skills.api.SkillViews.MemoryView;
import dev.skillpath.skills.api.SkillViews.ReviewView;
import dev.skillpath.skills.api.SkillViews.ReviewsView;
import dev.skillpath.skills.domain.KnowledgeTracing;
import dev.skillpath.platform.security.Caller;
import dev.skillpath.platform.api.Page;
import dev.skillpath.platform.api.PageRequest;
import dev.skillpath.skills.api.SkillViews.EvidenceView;
import dev.skillpath.skills.api.SkillViews.FrontierEntry;
import dev.skillpath.skills.api.SkillViews.FrontierView;
import dev.skillpath.skills.api.SkillViews.QuestionRef;
import dev.skillpath.skills.domain.MasteryTracker;
import dev.skillpath.skills.domain.ModelInForce;
import dev.skillpath.skills.domain.model.Frontier;
import dev.skillpath.skills.domain.model.ModelGraph;
import dev.skillpath.skills.store.ModelStore;
import dev.skillpath.skills.api.SkillViews.MasteryList;
import dev.skillpath.skills.api.SkillViews.MasteryView;
import dev.skillpath.skills.api.SkillViews.SelfReportedView;
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

    @Inject
    ModelInForce model;

    @Inject
    ModelStore evidence;

    @Inject
    MasteryTracker tracker;

    @Inject
    Fsrs fsrs;

    @Inject
    Clock clock;

    @GET
    @Path("/mastery")
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(operationId = "getMastery",
            summary = "Every skill the learner model has an estimate for: probability, state, evidence, counts",
            description = "Self-reported status is shown beside demonstrated mastery and never changes it. A mastered"
                    + " skill has a memory (FSRS-6): `probability` is the estimate at the last evidence, `probabilityNow`"
                    + " that times the chance of recall since; once its review is due the skill is `review-due`, not"
                    + " `mastered`, until a graded answer on it reviews it.")
    public MasteryList mastery(@Parameter(description = "admins only: another learner's id") @QueryParam("learner") String learner) {
        String learnerId = caller.learnerOrSelf(learner);
        Instant now = clock.instant();
        Map<UUID, SelfReportedStatus> reported = mastery.selfReported(learnerId);
        ModelInForce.Snapshot snap = model.current();
        double[] known = tracker.estimates(learnerId, snap);
        List<MasteryView> views = new ArrayList<>();
        java.util.Set<UUID> listed = new java.util.HashSet<>();
        for (Mastery m : mastery.of(learnerId)) {
            int i = snap.graph().indexOf(m.skillId);
            Skill s = Skill.findById(m.skillId);
            if (i < 0 || s == null || s.retired) {
                continue;
            }
            listed.add(m.skillId);
            views.add(MasteryView.of(m, s, reported.remove(m.skillId), known[i], fsrs, now));
        }
        // and every skill the graph (or the learner's ability) moved from where a newcomer starts
        double[] start = snap.baseline();
        for (int i = 0; i < known.length; i++) {
            UUID id = snap.graph().skill(i);
            if (!listed.contains(id) && Math.abs(known[i] - start[i]) >= MasteryTracker.LISTED_MIN) {
                views.add(MasteryView.inferred(SkillRef.of(Skill.findById(id)), known[i],
                        reported.remove(id)));
            }
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
    @Operation(operationId = "getFrontier", summary = "What the learner is ready to learn next",
            description = "The outer fringe: skills not mastered whose every required prerequisite is mastered and "
                    + "whose readiness, P(not known) × Π P(prerequisite known), is at least " + Frontier.READY + ", most ready first, "
                    + "each with the reason. `toConfirm` lists the other skills whose prerequisites are mastered: the "
                    + "learner may well know them already.")
    public FrontierView frontier(@Parameter(description = "admins only: another learner's id") @QueryParam("learner") String learner) {
        String learnerId = caller.learnerOrSelf(learner);
        ModelInForce.Snapshot snap = model.current();
        ModelGraph<UUID> graph = snap.graph();
        double[] known = tracker.estimates(learnerId, snap);
        Map<UUID, Skill> skills = catalogue.activeSkills();
        // ties broken as in the published estimates (skill.estimates.changed), so both name the same frontier
        Frontier.Fringe fringe = Frontier.of(graph, known, snap.frontierOrder());
        return new FrontierView(learnerId, entries(fringe.ready(), graph, skills), entries(fringe.toConfirm(), graph, skills));
    }

    @GET
    @Path("/reviews")
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(operationId = "getReviews", summary = "The learner's reviews of mastered skills: due now, then upcoming",
            description = "Every skill the learner model calls mastered has a memory (FSRS-6) and a next review, the day"
                    + " its chance of recall falls to the requested retention. `due` lists the reviews due now, most"
                    + " overdue first; `upcoming` the others, soonest first. A graded answer or a practice answer on the"
                    + " skill is its review.")
    public ReviewsView reviews(@Parameter(description = "admins only: another learner's id") @QueryParam("learner") String learner) {
        String learnerId = caller.learnerOrSelf(learner);
        Instant now = clock.instant();
        ModelInForce.Snapshot snap = model.current();
        double[] known = tracker.estimates(learnerId, snap);
        List<ReviewView> due = new ArrayList<>();
        List<ReviewView> upcoming = new ArrayList<>();
        for (Mastery m : mastery.of(learnerId)) {
            int i = snap.graph().indexOf(m.skillId);
            Skill s = i < 0 ? null : Skill.findById(m.skillId);
            if (s == null || s.retired || m.memory().isEmpty() || !KnowledgeTracing.isMastered(known[i])) {
                continue; // a lapsed skill (no longer mastered) is one to learn again: its frontier, not a review
            }
            MemoryView memory = MemoryView.of(m.memory().get(), fsrs, now);
            ReviewView view = new ReviewView(SkillRef.of(s), SkillViews.round(known[i]),
                    SkillViews.round(SkillMemory.decayed(known[i], memory.retrievability())), memory);
            (memory.due() ? due : upcoming).add(view);
        }
        Comparator<ReviewView> soonest = Comparator.comparing((ReviewView v) -> v.memory().dueAt())
                .thenComparing(v -> v.skill().slug());
        due.sort(soonest);
        upcoming.sort(soonest);
        return new ReviewsView(learnerId, now.atOffset(ZoneOffset.UTC), fsrs.retention(), due, upcoming);
    }

    private static List<FrontierEntry> entries(List<Frontier.Entry> entries, ModelGraph<UUID> graph, Map<UUID, Skill> skills) {
        List<FrontierEntry> out = new ArrayList<>();
        for (Frontier.Entry e : entries) {
            Skill s = skills.get(graph.skill(e.skill()));
            if (s == null) {
                continue;
            }
            String reason;
            if (e.prerequisites() == 0) {
                reason = "no prerequisites";
            } else if (e.prerequisites() == 1) {
                Skill p = skills.get(graph.skill(graph.prerequisitesOf(e.skill())[0]));
                reason = "its prerequisite " + (p == null ? "" : p.slug + " ") + "is mastered";
            } else {
                reason = "all " + e.prerequisites() + " prerequisites mastered";
            }
            out.add(new FrontierEntry(SkillSummary.of(s), SkillViews.round(e.known()), SkillViews.round(e.readiness()),
                    reason));
        }
        return out;
    }

    @GET
    @Path("/mastery/{skill}/evidence")
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(operationId = "listEvidence", summary = "The evidence behind one estimate",
            description = "Each graded answer or completed lesson that moved the learner's estimate for the skill, "
                    + "newest first: the question (id, version, type), when, whether it was right, and the estimate "
                    + "before and after it. `direct` is false when it moved the skill through the prerequisite graph or "
                    + "the learner's ability (listed from a move of " + MasteryTracker.INDIRECT_MIN + "). The learning opportunity after an attempt, "
                    + "and the graph's moves, count with the attempt's last answer. Paged.")
    public Page<EvidenceView> evidence(@PathParam("skill") String ref,
            @Parameter(description = "admins only: another learner's id") @QueryParam("learner") String learner,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        String learnerId = caller.learnerOrSelf(learner);
        PageRequest request = PageRequest.of(page, size);
        Skill skill = skill(ref);
        ModelStore.EffectPage found = evidence.effects(learnerId, skill.id, request.offset(), request.size());
        List<EvidenceView> views = new ArrayList<>();
        for (ModelStore.EffectLine line : found.lines()) {
            ModelStore.EvidenceRow e = line.evidence();
            QuestionRef question = e.questionId() == null ? null
                    : new QuestionRef(e.questionId(), e.questionVersion(), e.questionType());
            views.add(new EvidenceView(e.id(), e.kind(), e.observedAt(), question, e.quizId(), e.attemptId(),
                    e.lessonId(), e.answered(), e.correct(), line.direct(), SkillViews.round(line.before()),
                    SkillViews.round(line.after()), SkillViews.round(line.after() - line.before())));
        }
        return Page.of(views, request, found.total());
    }

    @PUT
    @Path("/skills/{skill}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(operationId = "reportSkillStatus", summary = "Say where you are with a skill: done, learning or skipped")
    public SelfReportedView report(@PathParam("skill") String ref, @Valid @NotNull StatusInput input) {
        String learnerId = caller.id();
        Skill skill = skill(ref);
        OffsetDateTime at = SelfReportedStatus.report(learnerId, skill.id, input.status());
        return new SelfReportedView(SkillRef.of(skill), input.status().name(), at);
    }

    @DELETE
    @Path("/skills/{skill}/status")
    @Transactional
    @Operation(operationId = "withdrawSkillStatus", summary = "Withdraw what you said about a skill")
    @APIResponse(responseCode = "204", description = "Withdrawn")
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
