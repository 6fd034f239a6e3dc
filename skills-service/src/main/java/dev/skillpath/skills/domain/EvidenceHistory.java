package dev.skillpath.skills.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.skillpath.platform.learning.QuestionShape;
import dev.skillpath.skills.domain.model.AnsweredQuestion;
import dev.skillpath.skills.domain.model.EvidenceEvent;
import dev.skillpath.skills.domain.model.ItemKey;
import dev.skillpath.skills.domain.model.ModelGraph;
import dev.skillpath.skills.store.ModelStore.EvidenceRow;

/** Stored evidence rows as the model's events: the answers of one event together, each lesson on its own. */
public final class EvidenceHistory {

    private EvidenceHistory() {
    }

    /** A run of rows the model applies as one event. */
    public record Group(List<EvidenceRow> rows, EvidenceEvent event) {
    }

    public static List<Group> group(List<EvidenceRow> rows, ModelGraph<UUID> graph) {
        List<Group> groups = new ArrayList<>();
        List<EvidenceRow> run = new ArrayList<>();
        for (EvidenceRow r : rows) {
            if (r.isLesson()) {
                flush(run, graph, groups);
                groups.add(new Group(List.of(r), EvidenceEvent.lesson(tags(r, graph))));
                continue;
            }
            if (!run.isEmpty() && !run.get(0).eventId().equals(r.eventId())) {
                flush(run, graph, groups);
            }
            run.add(r);
        }
        flush(run, graph, groups);
        return groups;
    }

    public static List<EvidenceEvent> events(List<EvidenceRow> rows, ModelGraph<UUID> graph) {
        return group(rows, graph).stream().map(Group::event).toList();
    }

    private static void flush(List<EvidenceRow> run, ModelGraph<UUID> graph, List<Group> groups) {
        if (run.isEmpty()) {
            return;
        }
        List<AnsweredQuestion> answers = new ArrayList<>(run.size());
        for (EvidenceRow r : run) {
            answers.add(answer(r, graph));
        }
        groups.add(new Group(List.copyOf(run), EvidenceEvent.attempt(answers)));
        run.clear();
    }

    static AnsweredQuestion answer(EvidenceRow r, ModelGraph<UUID> graph) {
        ItemKey item = r.questionId() == null || r.questionVersion() == null ? null
                : new ItemKey(r.questionId(), r.questionVersion());
        QuestionShape shape = r.questionType() == null ? QuestionShape.UNKNOWN
                : new QuestionShape(r.questionType(), r.options(), r.correctOptions());
        return new AnsweredQuestion(item, shape, tags(r, graph), Boolean.TRUE.equals(r.correct()));
    }

    static int[] tags(EvidenceRow r, ModelGraph<UUID> graph) {
        return r.skillIds().stream().mapToInt(graph::indexOf).toArray();
    }
}
