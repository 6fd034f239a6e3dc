package dev.skillpath.quiz.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.skillpath.quiz.events.QuizEvents;
import dev.skillpath.quiz.store.ItemStatisticsStore;

/**
 * Item statistics kept as the attempts are graded (docs/quiz.md, "Item statistics"): in the grading's transaction,
 * a counted attempt adds to its quiz's totals and to the running sums of each question version it was given, and a
 * version whose sums cross a flag threshold with enough attempts is flagged and announced, once.
 *
 * <p>Counted: a learner's first attempt at the quiz (number 1; later attempts are practised, not measured), unless
 * the learner held the author or admin role when it started. Rows are written in one order (the quiz's totals,
 * then the versions by id, then the flags by version id), so gradings that meet on the same rows wait for each
 * other instead of deadlocking, and the second adds to what the first left.
 */
@ApplicationScoped
public class LiveItemStatistics {

    @Inject
    ItemStatisticsStore store;

    @Inject
    QuizEvents events;

    public static boolean counts(Attempt attempt) {
        return attempt.number == 1 && !attempt.byAuthor;
    }

    /** Counts a graded attempt, with the versions of its questions; does nothing for an attempt that does not count. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void count(Attempt attempt, List<AttemptQuestion> questions, Map<UUID, QuestionVersion> versions) {
        if (!counts(attempt)) {
            return;
        }
        store.addAttempt(attempt.quizId, ItemSums.exact(attempt.percentage()), Boolean.TRUE.equals(attempt.passed));
        BigDecimal total = BigDecimal.ZERO;
        for (AttemptQuestion aq : questions) {
            total = total.add(ItemSums.exact(score(aq)));
        }
        List<AttemptQuestion> inOrder = new ArrayList<>(questions);
        inOrder.sort(Comparator.comparing((AttemptQuestion aq) -> aq.questionVersionId));
        List<QuestionFlag> crossed = new ArrayList<>();
        for (AttemptQuestion aq : inOrder) {
            QuestionVersion v = versions.get(aq.questionVersionId);
            BigDecimal x = ItemSums.exact(score(aq));
            ItemSums one = ItemSums.of(ItemSums.exact(score(aq) / v.points), x, total.subtract(x));
            ItemSums sums = store.addItem(attempt.quizId, v.id, aq.questionId, one, attempt.gradedAt);
            List<String> reasons = sums.flagReasons();
            if (!reasons.isEmpty()) {
                crossed.add(new QuestionFlag(v.id, v.questionId, v.version, attempt.quizId, reasons, (int) sums.n(),
                        sums.facility(), sums.roundedDiscrimination(), attempt.gradedAt));
            }
        }
        for (QuestionFlag flag : crossed) {
            if (store.flag(flag)) {
                events.flagged(flag);
            }
        }
    }

    private static double score(AttemptQuestion aq) {
        return aq.score == null ? 0 : aq.score;
    }
}
