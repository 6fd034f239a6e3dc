package dev.skillpath.skills.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.skillpath.skills.domain.KnowledgeTracing;
import dev.skillpath.skills.domain.Mastery;
import dev.skillpath.skills.domain.SelfReportedStatus;

/** Queries over learners' mastery and self-reported status. */
@ApplicationScoped
public class MasteryStore {

    public List<Mastery> of(String learnerId) {
        return Mastery.list("learnerId", learnerId);
    }

    /** The learner's current estimate per skill with evidence. */
    public Map<UUID, Double> estimates(String learnerId) {
        Map<UUID, Double> estimates = new HashMap<>();
        for (Mastery m : of(learnerId)) {
            estimates.put(m.skillId, m.probability);
        }
        return estimates;
    }

    public static Set<UUID> mastered(Map<UUID, Double> estimates) {
        return estimates.entrySet().stream().filter(e -> KnowledgeTracing.isMastered(e.getValue()))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    public Map<UUID, SelfReportedStatus> selfReported(String learnerId) {
        Map<UUID, SelfReportedStatus> statuses = new HashMap<>();
        for (SelfReportedStatus s : SelfReportedStatus.<SelfReportedStatus>list("learnerId", learnerId)) {
            statuses.put(s.skillId, s);
        }
        return statuses;
    }
}
