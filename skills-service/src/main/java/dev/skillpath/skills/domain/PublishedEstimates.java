package dev.skillpath.skills.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.skillpath.events.payload.LearnerEstimates;
import dev.skillpath.skills.domain.model.Frontier;
import dev.skillpath.skills.domain.model.ModelGraph;

/**
 * The learner model's published view of one learner, or of a newcomer (docs/events.md,
 * {@code skill.estimates.changed} and {@code skill.model.baseline}): every skill's estimate and mastered flag, and the
 * frontier's skills most ready first and those to confirm, as {@code GET /learners/me/frontier} answers. One payload, so
 * an applied event adds one outbox row, not one per skill.
 */
public final class PublishedEstimates {

    private PublishedEstimates() {
    }

    /**
     * @param learnerId null for the newcomer baseline
     * @param known     P(known) of every skill of the graph, in the graph's order
     * @param tie       the order among skills equally ready, as the frontier endpoint breaks ties
     */
    public static LearnerEstimates of(String learnerId, long fitId, ModelGraph<UUID> graph, double[] known,
            Comparator<Integer> tie, UUID causeEventId, Instant at) {
        return of(learnerId, fitId, graph, known, Map.of(), tie, causeEventId, at);
    }

    /**
     * @param reviewDue when each skill with a memory is next due for review, by its index in the graph (a newcomer's
     *                  baseline has none)
     */
    public static LearnerEstimates of(String learnerId, long fitId, ModelGraph<UUID> graph, double[] known,
            Map<Integer, Instant> reviewDue, Comparator<Integer> tie, UUID causeEventId, Instant at) {
        List<LearnerEstimates.SkillEstimate> skills = new ArrayList<>(graph.size());
        for (int s = 0; s < graph.size(); s++) {
            skills.add(new LearnerEstimates.SkillEstimate(graph.skill(s), known[s], KnowledgeTracing.isMastered(known[s]),
                    reviewDue.get(s)));
        }
        Frontier.Fringe fringe = Frontier.of(graph, known, tie);
        List<UUID> frontier = fringe.ready().stream().map(e -> graph.skill(e.skill())).toList();
        List<UUID> toConfirm = fringe.toConfirm().stream().map(e -> graph.skill(e.skill())).toList();
        return new LearnerEstimates(learnerId, fitId, skills, frontier, toConfirm, causeEventId, at);
    }

    /**
     * What the estimates say, without who, why or when: two payloads with the same fingerprint tell a subscriber the
     * same thing (the fit, every estimate to the bit, every mastered flag, the frontier in its order).
     */
    public static String fingerprint(LearnerEstimates e) {
        StringBuilder text = new StringBuilder().append("fit ").append(e.fitId()).append('\n');
        for (LearnerEstimates.SkillEstimate s : e.skills()) {
            text.append(s.skillId()).append(' ').append(Double.doubleToLongBits(s.probability())).append(' ')
                    .append(s.mastered());
            if (s.reviewDueAt() != null) {
                text.append(" due ").append(s.reviewDueAt());
            }
            text.append('\n');
        }
        text.append("frontier");
        for (UUID f : e.frontier()) {
            text.append(' ').append(f);
        }
        text.append("\nto confirm");
        for (UUID f : e.toConfirm() == null ? List.<UUID>of() : e.toConfirm()) {
            text.append(' ').append(f);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible); // every JVM has SHA-256
        }
    }
}
