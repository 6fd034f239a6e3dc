package dev.skillpath.skills.api;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.skillpath.problems.ProblemType;
import dev.skillpath.platform.api.ProblemException;
import dev.skillpath.platform.api.Uuids;
import dev.skillpath.platform.security.Caller;
import dev.skillpath.platform.security.Roles;
import dev.skillpath.skills.domain.KnowledgeTracing;
import dev.skillpath.skills.domain.ModelInForce;
import dev.skillpath.skills.domain.ModelRefit;
import dev.skillpath.skills.domain.Skill;
import dev.skillpath.skills.domain.model.ItemParameters;
import dev.skillpath.skills.store.ModelStore;

/** The learner model's parameters and fits: what authors may read, and what an admin may refit. */
@Path("/api/v1/learner-model")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "Learner model", description = "The fitted parameters of the learner model, and refits (docs/learning.md)")
public class ModelResource {

    @Inject
    ModelStore store;

    @Inject
    ModelInForce model;

    @Inject
    ModelRefit refit;

    @Inject
    Caller caller;

    /** A fit: its state and what it rests on; what it found is null while it runs, {@code error} unless it failed. */
    public record FitView(long id, String status, String requestedBy, OffsetDateTime startedAt,
            @Schema(nullable = true) OffsetDateTime finishedAt, @Schema(nullable = true) Integer learners,
            @Schema(nullable = true) Integer observations, @Schema(nullable = true) Integer iterations,
            @Schema(nullable = true) Double logLikelihood, @Schema(nullable = true) Double leak,
            @Schema(nullable = true) Double abilitySpread, @Schema(nullable = true) Double compensation,
            @Schema(nullable = true) Double abilityEffect, @Schema(nullable = true) String error) {
        static FitView of(ModelStore.FitRow f) {
            return new FitView(f.id(), f.status(), f.requestedBy(), f.startedAt(), f.finishedAt(), f.learners(),
                    f.observations(), f.iterations(), f.logLikelihood(), f.leak(), f.abilitySpread(), f.compensation(),
                    f.abilityEffect(), f.error());
        }
    }

    public record SkillParameters(SkillViews.SkillRef skill, double prior, double learn, double guess, double slip,
            int observations, int learners) {
    }

    /**
     * The parameters in force: the fit (null before the first), the leak, the spread of learners' ability, the
     * emission's compensation and ability effect, and every skill's values.
     */
    public record ModelView(FitView fit, double leak, double abilitySpread, double compensation, double abilityEffect,
            List<SkillParameters> skills) {
    }

    public record FitDetail(FitView fit, List<SkillParameters> skills) {
    }

    public record ItemView(UUID questionId, int questionVersion, String questionType, double guess, double slip,
            double difficulty, int observations) {
    }

    @GET
    @RolesAllowed({ Roles.AUTHOR, Roles.ADMIN })
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(operationId = "getLearnerModel", summary = "The parameters in force",
            description = "Per skill: prior (P(known | prerequisites known)), learn, guess and slip, with the answers "
                    + "and learners they rest on; the leak (P(known | a prerequisite not known)); the spread of learners' "
                    + "general ability; the compensation (the share of the way from guessing to knowing each known tag "
                    + "of a question buys; 0: pure noisy-AND) and the ability effect (logit change of guess and slip per "
                    + "logit of ability; 0: none); the fit they come from (null: no fit yet, the authors' values and "
                    + "the defaults).")
    public ModelView current() {
        ModelInForce.Snapshot snap = model.current();
        FitView fit = snap.fitId() == 0 ? null : store.fit(snap.fitId()).map(FitView::of).orElse(null);
        List<SkillParameters> skills = new ArrayList<>();
        for (int i = 0; i < snap.graph().size(); i++) {
            UUID id = snap.graph().skill(i);
            ModelStore.SkillFitRow row = snap.fitted().get(id);
            KnowledgeTracing k = snap.parameters().skill(i);
            skills.add(parameters(id, k, row == null ? 0 : row.observations(), row == null ? 0 : row.learners()));
        }
        skills.sort(Comparator.comparing(s -> s.skill().slug()));
        return new ModelView(fit, snap.parameters().leak(), snap.parameters().abilitySpread(),
                snap.parameters().compensation(), snap.parameters().abilityEffect(), skills);
    }

    @GET
    @Path("/fits")
    @RolesAllowed({ Roles.AUTHOR, Roles.ADMIN })
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(operationId = "listFits", summary = "The latest fits, newest first (the last ten are kept)")
    public List<FitView> fits() {
        return store.recentFits(10).stream().map(FitView::of).toList();
    }

    @POST
    @Path("/fits")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "startFit", summary = "Refit the model now",
            description = "Starts a fit from all stored evidence in the background and answers 202 with it; when it "
                    + "is applied, every learner's estimates are replayed with the new parameters. 409 while a fit runs.")
    @APIResponse(responseCode = "202", description = "The fit started (Location: it)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = FitView.class)))
    @APIResponse(responseCode = "409", description = "A fit is already running")
    public Response refit() {
        long id = refit.request("admin:" + caller.id()).orElseThrow(() -> ProblemException.conflict(ProblemType.FIT_RUNNING,
                "A fit of the learner model is running; wait until it has finished."));
        FitView view = store.fit(id).map(FitView::of).orElseThrow();
        return Response.accepted(view).location(URI.create("/api/v1/learner-model/fits/" + id)).build();
    }

    @GET
    @Path("/fits/{id}")
    @RolesAllowed({ Roles.AUTHOR, Roles.ADMIN })
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(operationId = "getFit", summary = "One fit, with the skill parameters it found")
    public FitDetail fit(@PathParam("id") String rawId) {
        long id = fitId(rawId);
        ModelStore.FitRow fit = store.fit(id).orElseThrow(() -> ProblemException.notFound("There is no fit " + id + "."));
        List<SkillParameters> skills = new ArrayList<>();
        for (Map.Entry<UUID, ModelStore.SkillFitRow> e : store.skillFits(id).entrySet()) {
            skills.add(parameters(e.getKey(), e.getValue().parameters(), e.getValue().observations(),
                    e.getValue().learners()));
        }
        skills.sort(Comparator.comparing(s -> s.skill().slug()));
        return new FitDetail(FitView.of(fit), skills);
    }

    @GET
    @Path("/items")
    @RolesAllowed({ Roles.AUTHOR, Roles.ADMIN })
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(operationId = "listModelItems", summary = "Fitted question parameters in force",
            description = "Per question version: guess, slip and difficulty (logit of the share of wrong answers), "
                    + "with the answers they rest on. A question not listed uses starting values from its type.")
    public List<ItemView> items(@Parameter(description = "only this question's versions") @QueryParam("question") String question) {
        UUID questionId = question == null || question.isBlank() ? null : Uuids.parse(question).orElseThrow(
                () -> ProblemException.invalid("question must be a question id (a UUID).",
                        List.of(new dev.skillpath.platform.api.Problem.Violation("question", "must be a UUID"))));
        long fitId = model.current().fitId();
        if (fitId == 0) {
            return List.of();
        }
        return store.itemFits(fitId, questionId).stream().map(r -> {
            ItemParameters p = r.parameters();
            return new ItemView(r.key().questionId(), r.key().version(), r.questionType(), SkillViews.round(p.guess()),
                    SkillViews.round(p.slip()), SkillViews.round(p.difficulty()), p.observations());
        }).toList();
    }

    private static SkillParameters parameters(UUID id, KnowledgeTracing k, int observations, int learners) {
        Skill s = Skill.findById(id);
        return new SkillParameters(SkillViews.SkillRef.of(s), SkillViews.round(k.prior()), SkillViews.round(k.learn()),
                SkillViews.round(k.guess()), SkillViews.round(k.slip()), observations, learners);
    }

    private static long fitId(String raw) {
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("A fit id is a positive whole number, not '" + raw + "'.");
    }
}
