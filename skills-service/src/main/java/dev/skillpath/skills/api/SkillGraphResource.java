package dev.skillpath.skills.api;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.skillpath.skills.api.SkillViews.SkillSummary;
import dev.skillpath.skills.domain.RelationType;
import dev.skillpath.skills.store.CatalogueStore;

/** The whole catalogue as one graph, so a client can draw it with one request instead of one per skill. */
@Path("/api/v1/skill-graph")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Skills")
public class SkillGraphResource {

    /** {@code skill} —{@code type}→ {@code target}, by slug, as {@code POST /skills/{skill}/relations} names it. */
    public record Edge(String skill, RelationType type, String target) {
    }

    public record GraphView(List<SkillSummary> skills, List<Edge> relations) {
    }

    @Inject
    CatalogueStore store;

    @GET
    @PermitAll
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(operationId = "getSkillGraph", summary = "Every active skill and every relation between active skills",
            description = "Skills by slug; relations by skill, then type, then target. A relation reads 'skill requires "
                    + "target' (or recommends, alternative-of, part-of), as in POST /skills/{skill}/relations.")
    public GraphView graph() {
        CatalogueStore.Graph graph = store.graph();
        Map<UUID, String> slugs = new HashMap<>();
        graph.skills().forEach(skill -> slugs.put(skill.id, skill.slug));
        List<Edge> edges = graph.relations().stream()
                .map(r -> new Edge(slugs.get(r.skillId), r.type(), slugs.get(r.targetId)))
                .sorted(Comparator.comparing(Edge::skill).thenComparing(e -> e.type().value()).thenComparing(Edge::target))
                .toList();
        List<SkillSummary> skills = graph.skills().stream().map(SkillSummary::of).toList();
        return new GraphView(skills, edges);
    }
}
