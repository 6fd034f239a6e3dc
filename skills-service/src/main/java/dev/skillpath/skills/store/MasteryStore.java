package dev.skillpath.skills.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.skillpath.skills.domain.Mastery;
import dev.skillpath.skills.domain.SelfReportedStatus;

/** Queries over learners' mastery rows (for the API; the model's own state goes through ModelStore) and self-reported status. */
@ApplicationScoped
public class MasteryStore {

    public List<Mastery> of(String learnerId) {
        return Mastery.list("learnerId", learnerId);
    }

    public Map<UUID, SelfReportedStatus> selfReported(String learnerId) {
        Map<UUID, SelfReportedStatus> statuses = new HashMap<>();
        for (SelfReportedStatus s : SelfReportedStatus.<SelfReportedStatus>list("learnerId", learnerId)) {
            statuses.put(s.skillId, s);
        }
        return statuses;
    }
}
