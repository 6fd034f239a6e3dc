package dev.skillpath.skills.domain.model;

/**
 * What one skill's own evidence says, kept so that any prior can be applied to it later: the likelihood of the
 * evidence if the learner knew the skill before it (then they still know it: no forgetting here), and the forward
 * probabilities of the Bayesian Knowledge Tracing chain that starts from not knowing it (it may be learned at each
 * opportunity). With a prior P0 of knowing it at the start, P(known now | evidence) is
 * {@code (P0·L1 + (1−P0)·Ak) / (P0·L1 + (1−P0)·(Ak + Au))}: the graph decides P0, this record the rest.
 * All values are natural logarithms; a skill without evidence is {@link #NONE}.
 *
 * @param logKnown         log P(evidence | known at the start)
 * @param logLearnedSince  log P(evidence, known now | not known at the start)
 * @param logStillUnknown  log P(evidence, not known now | not known at the start)
 */
public record SkillEvidence(double logKnown, double logLearnedSince, double logStillUnknown) {

    public static final SkillEvidence NONE = new SkillEvidence(0, Double.NEGATIVE_INFINITY, 0);

    /** log P(evidence | known at start) − log P(evidence | not known at start): what the graph weighs. */
    public double logLikelihoodRatio() {
        return logKnown - logSumExp(logLearnedSince, logStillUnknown);
    }

    /** P(known now | not known at the start, evidence): learned since. */
    public double learnedSince() {
        return Math.exp(logLearnedSince - logSumExp(logLearnedSince, logStillUnknown));
    }

    /** P(known now) when P(known at the start | everything) is {@code initial}. */
    public double knownNow(double initial) {
        return initial + (1 - initial) * learnedSince();
    }

    /** After an answer whose likelihood is {@code ifKnown} when the skill is known, {@code ifUnknown} when not. */
    public SkillEvidence observed(double ifKnown, double ifUnknown) {
        return new SkillEvidence(logKnown + Math.log(ifKnown), logLearnedSince + Math.log(ifKnown),
                logStillUnknown + Math.log(ifUnknown));
    }

    /** After a learning opportunity: not known becomes known with probability {@code learn}. */
    public SkillEvidence learned(double learn) {
        double stay = logStillUnknown + Math.log1p(-learn);
        double moved = logStillUnknown + Math.log(learn);
        // keep the chain's scale bounded: subtracting a constant from all three changes no ratio
        double known = logKnown;
        double since = logSumExp(logLearnedSince, moved);
        double shift = Math.max(known, logSumExp(since, stay));
        return new SkillEvidence(known - shift, since - shift, stay - shift);
    }

    static double logSumExp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double m = Math.max(a, b);
        return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
    }
}
