package dev.skillpath.quiz.api;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillpath.quiz.api.QuizViews.ModelParameters;
import dev.skillpath.quiz.api.QuizViews.QuestionStatistics;
import dev.skillpath.quiz.api.QuizViews.QuizStatistics;
import dev.skillpath.quiz.api.QuizViews.Thresholds;
import dev.skillpath.quiz.api.QuizViews.VersionStatistics;
import dev.skillpath.quiz.domain.ItemStatistics;
import dev.skillpath.quiz.domain.ItemSums;
import dev.skillpath.quiz.domain.QuestionFlag;
import dev.skillpath.quiz.domain.Quiz;
import dev.skillpath.quiz.domain.QuizQuestion;
import dev.skillpath.quiz.store.ItemParameterStore;
import dev.skillpath.quiz.store.ItemStatisticsStore;
import dev.skillpath.quiz.store.ItemStatisticsStore.ItemRow;
import dev.skillpath.quiz.store.QuizStore;

/**
 * A quiz's item statistics from the running sums alone (one row per quiz, one per question version its counted
 * attempts were given, their flags and fitted parameters): the same few queries at 100 attempts or 100,000. A
 * question's figures add up the sums of its versions, so they are those of all its versions together.
 */
@ApplicationScoped
class ItemStatisticsReport {

    static final String BASIS = "first graded attempt of each learner (attempt number 1), not by an author or admin";

    @Inject
    ItemStatisticsStore statistics;

    @Inject
    ItemParameterStore parameters;

    @Inject
    QuizStore store;

    QuizStatistics of(Quiz quiz) {
        ItemStatisticsStore.QuizTotals totals = statistics.totals(quiz.id);
        List<ItemRow> rows = statistics.items(quiz.id);
        List<UUID> versionIds = rows.stream().map(ItemRow::questionVersionId).toList();
        Map<UUID, QuestionFlag> flags = statistics.flags(versionIds);
        Map<UUID, ItemParameterStore.ItemParameters> fitted = parameters.byVersionIds(versionIds);

        Map<UUID, Integer> positions = new HashMap<>();
        for (QuizQuestion qq : store.questionsOf(quiz.id)) {
            positions.put(qq.questionId, qq.position);
        }
        Map<UUID, OffsetDateTime> firstCounted = new HashMap<>();
        rows.forEach(r -> firstCounted.merge(r.questionId(), r.firstCountedAt(), (a, b) -> a.isBefore(b) ? a : b));
        Map<UUID, List<ItemRow>> byQuestion = new LinkedHashMap<>();
        // the quiz's own order first, then questions that were on it (or drawn) but are no longer, as first counted
        rows.stream().sorted(Comparator
                .comparing((ItemRow r) -> positions.getOrDefault(r.questionId(), Integer.MAX_VALUE))
                .thenComparing(r -> firstCounted.get(r.questionId()))
                .thenComparing(ItemRow::questionId)
                .thenComparingInt(ItemRow::version))
                .forEach(r -> byQuestion.computeIfAbsent(r.questionId(), k -> new ArrayList<>()).add(r));

        List<QuestionStatistics> questions = new ArrayList<>();
        for (List<ItemRow> versions : byQuestion.values()) {
            ItemSums sums = ItemSums.NONE;
            List<VersionStatistics> perVersion = new ArrayList<>();
            for (ItemRow r : versions) {
                sums = sums.plus(r.sums());
                perVersion.add(new VersionStatistics(r.version(), (int) r.sums().n(), r.sums().facility(),
                        r.sums().roundedDiscrimination(), r.sums().flags(), QuizMapper.flag(flags.get(r.questionVersionId())),
                        model(fitted.get(r.questionVersionId()))));
            }
            ItemRow latest = versions.get(versions.size() - 1);
            questions.add(new QuestionStatistics(latest.questionId(), positions.getOrDefault(latest.questionId(), 0),
                    latest.type(), latest.prompt(), (int) sums.n(), sums.facility(), sums.roundedDiscrimination(),
                    sums.flags(), perVersion));
        }
        Double average = totals.attempts() == 0 ? null : round(mean(totals.sumPercentage(), totals.attempts()));
        Double passRate = totals.attempts() == 0 ? null : round(totals.passed() / (double) totals.attempts());
        return new QuizStatistics(quiz.id, quiz.title, BASIS, totals.attempts(), average, passRate,
                new Thresholds(ItemStatistics.TOO_EASY_ABOVE, ItemStatistics.TOO_HARD_BELOW,
                        ItemStatistics.POOR_DISCRIMINATION_BELOW, ItemSums.MIN_ATTEMPTS_TO_FLAG),
                questions);
    }

    private static ModelParameters model(ItemParameterStore.ItemParameters p) {
        return p == null ? null : new ModelParameters(p.difficulty(), p.guess(), p.slip(), p.answers(), p.fittedAt());
    }

    private static double mean(BigDecimal sum, int n) {
        return sum.divide(BigDecimal.valueOf(n), MathContext.DECIMAL64).doubleValue();
    }

    private static double round(double v) {
        return Math.round(v * 100d) / 100d;
    }
}
