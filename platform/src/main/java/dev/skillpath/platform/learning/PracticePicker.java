package dev.skillpath.platform.learning;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Picks a practice session's next question (docs/quiz.md, "Practice sessions"): among the questions tagged with a
 * target skill the learner has not mastered, not given in this session and not seen by the learner recently, the
 * one whose predicted chance of a right answer is closest to the target chance. The prediction is the learner
 * model's emission (docs/learning.md): P(right) = Π m·(1 − slip) + (1 − Π m)·guess, m the learner's estimates of
 * the question's tagged skills, guess and slip the question version's fitted parameters (or its shape's starting
 * values before a fit). Ties go to the question guessed least (its answer says more), then to the lower id, so the
 * same inputs always give the same pick.
 *
 * <p>The target chance: ALEKS and Khan Academy aim at questions a learner gets right a little more often than not;
 * 0.7 keeps practice encouraging while every answer still moves the estimate (docs/learning.md measures it).
 * Plain Java: quiz-service picks with it and the learning evaluation simulates with the same class.
 */
public final class PracticePicker {

    /** The predicted chance of a right answer the picker aims at, unless a session says otherwise. */
    public static final double TARGET_CHANCE = 0.7;
    /** Two predictions this close are a tie. */
    static final double TIE = 1e-9;

    private PracticePicker() {
    }

    /**
     * A question that may be given.
     *
     * @param lastSeen when the learner was last given it (in any attempt or session), null if never
     */
    public record Candidate(UUID questionId, UUID versionId, List<UUID> skills, double guess, double slip,
            double difficulty, Instant lastSeen) {
        public Candidate {
            skills = List.copyOf(skills);
        }
    }

    /**
     * What the picker knows of the learner and the session.
     *
     * @param targets          the session's target skills
     * @param estimates        the learner's P(known) per skill; a skill missing here has {@code unknownEstimate}
     * @param mastered         the target skills the learner has mastered (no longer practised)
     * @param givenInSession   questions this session already gave
     * @param now              the time of the pick
     * @param recent           a question the learner saw less than this long ago is not given again
     * @param targetChance     the predicted chance aimed at
     */
    public record Context(Set<UUID> targets, Map<UUID, Double> estimates, double unknownEstimate, Set<UUID> mastered,
            Set<UUID> givenInSession, Instant now, Duration recent, double targetChance) {
        public Context {
            targets = Set.copyOf(targets);
            estimates = Map.copyOf(estimates);
            mastered = Set.copyOf(mastered);
            givenInSession = Set.copyOf(givenInSession);
        }

        double estimate(UUID skill) {
            return estimates.getOrDefault(skill, unknownEstimate);
        }
    }

    /**
     * The pick and why.
     *
     * @param skill     the target skill it practises (the least known of its not-mastered target tags)
     * @param predicted its predicted chance of a right answer
     */
    public record Pick(Candidate question, UUID skill, double skillEstimate, double predicted) {
    }

    /** Why nothing was picked. */
    public enum Empty {
        /** Every target skill is mastered. */
        TARGET_MASTERED,
        /** Questions remain on the target, but each was given in this session or seen recently. */
        POOL_EXHAUSTED
    }

    /** Either a pick or why there is none. */
    public record Result(Optional<Pick> pick, Empty empty) {
        static Result of(Pick pick) {
            return new Result(Optional.of(pick), null);
        }

        static Result none(Empty why) {
            return new Result(Optional.empty(), why);
        }
    }

    public static Result pick(List<Candidate> candidates, Context context) {
        if (context.mastered().containsAll(context.targets())) {
            return Result.none(Empty.TARGET_MASTERED);
        }
        Pick best = null;
        for (Candidate c : candidates) {
            UUID skill = practisedSkill(c, context);
            if (skill == null || context.givenInSession().contains(c.questionId()) || seenRecently(c, context)) {
                continue;
            }
            Pick p = new Pick(c, skill, context.estimate(skill), predictedChance(c, context));
            if (best == null || ORDER.compare(withTarget(p, context), withTarget(best, context)) < 0) {
                best = p;
            }
        }
        return best == null ? Result.none(Empty.POOL_EXHAUSTED) : Result.of(best);
    }

    /** P(right) under the noisy-AND emission with the learner's estimates of every tagged skill. */
    public static double predictedChance(Candidate c, Context context) {
        double allKnown = 1;
        for (UUID s : c.skills()) {
            allKnown *= context.estimate(s);
        }
        return allKnown * (1 - c.slip()) + (1 - allKnown) * c.guess();
    }

    /** The question's least-known target tag the learner has not mastered, or null when it practises none. */
    static UUID practisedSkill(Candidate c, Context context) {
        UUID best = null;
        for (UUID s : c.skills()) {
            if (context.targets().contains(s) && !context.mastered().contains(s)
                    && (best == null || context.estimate(s) < context.estimate(best))) {
                best = s;
            }
        }
        return best;
    }

    static boolean seenRecently(Candidate c, Context context) {
        return c.lastSeen() != null && c.lastSeen().plus(context.recent()).isAfter(context.now());
    }

    private record Scored(Pick pick, double distance) {
    }

    private static Scored withTarget(Pick p, Context context) {
        return new Scored(p, Math.abs(p.predicted() - context.targetChance()));
    }

    private static final Comparator<Scored> ORDER = (a, b) -> {
        if (Math.abs(a.distance() - b.distance()) > TIE) {
            return Double.compare(a.distance(), b.distance());
        }
        int byGuess = Double.compare(a.pick().question().guess(), b.pick().question().guess());
        return byGuess != 0 ? byGuess : a.pick().question().questionId().compareTo(b.pick().question().questionId());
    };
}
