package dev.skillpath.skills.domain.model;

/**
 * Carries evidence across the {@code requires} graph (knowledge space theory's surmise relation, made soft). The
 * prior over which skills a learner knew before their evidence is a Bayesian network on the graph: a skill whose
 * required prerequisites are all known is known with its prior p; a skill with an unknown prerequisite only with the
 * small leak ε. Each skill's own evidence enters as a likelihood ratio, and sum-product belief propagation gives
 * every skill's posterior (Pearl 1988; exact when the graph is a polytree, the usual close approximation when
 * prerequisites are shared). So showing a skill raises its prerequisites, failing a prerequisite lowers the skills
 * that require it, and a skill's starting estimate follows its prerequisites'. All messages are log-odds.
 */
public final class PrerequisiteInference {

    static final int MAX_SWEEPS = 50;
    static final double TOLERANCE = 1e-7;

    private final ModelGraph<?> graph;
    private final double[] prior;
    private final double leak;

    /**
     * @param prior per skill, P(known | every required prerequisite known); for a skill without prerequisites its
     *              plain prior
     * @param leak  P(known | some required prerequisite not known)
     */
    public PrerequisiteInference(ModelGraph<?> graph, double[] prior, double leak) {
        if (prior.length != graph.size()) {
            throw new IllegalArgumentException("one prior per skill");
        }
        this.graph = graph;
        this.prior = prior.clone();
        this.leak = leak;
    }

    /**
     * The outcome: per skill the posterior log-odds given all the evidence, the skill's own evidence, and the final
     * messages (the factor of skill s to s, and to each of its prerequisites), which the fitter reads.
     */
    public record Beliefs(double[] logOdds, double[] evidence, double[] down, double[][] up) {

        /** P(known before the learning its evidence shows) of skill i, given all the evidence. */
        public double probability(int i) {
            return sigmoid(logOdds[i]);
        }

        /** What the rest of the graph says of skill i: its belief without its own evidence, as log-odds. */
        public double fromGraph(int i) {
            return logOdds[i] - evidence[i];
        }
    }

    /**
     * @param evidence per skill, log P(own evidence | known) − log P(own evidence | not known); 0 for none
     */
    public Beliefs infer(double[] evidence) {
        int n = graph.size();
        int[][] parents = graph.parents;
        double[] down = new double[n];             // factor of skill s → s
        double[][] up = new double[n][];           // factor of skill s → its k-th prerequisite
        double[] belief = new double[n];
        for (int s = 0; s < n; s++) {
            up[s] = new double[parents[s].length];
        }
        double[] pa = new double[8];
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double change = 0;
            // beliefs as they stand, then prerequisites to skills, in topological order
            for (int s = 0; s < n; s++) {
                belief[s] = evidence[s] + down[s] + fromChildren(s, up);
            }
            for (int s : graph.order) {
                int[] ps = parents[s];
                double next;
                if (ps.length == 0) {
                    next = logit(prior[s]);
                } else {
                    double all = 1;
                    for (int k = 0; k < ps.length; k++) {
                        all *= sigmoid(belief[ps[k]] - up[s][k]);
                    }
                    double known = all * prior[s] + (1 - all) * leak;
                    next = Math.log(known) - Math.log(1 - known);
                }
                change = Math.max(change, Math.abs(next - down[s]));
                belief[s] += next - down[s];
                down[s] = next;
            }
            // then skills to their prerequisites, in reverse order
            for (int i = n - 1; i >= 0; i--) {
                int s = graph.order[i];
                int[] ps = parents[s];
                if (ps.length == 0) {
                    continue;
                }
                if (pa.length < ps.length) {
                    pa = new double[ps.length];
                }
                for (int k = 0; k < ps.length; k++) {
                    pa[k] = sigmoid(belief[ps[k]] - up[s][k]);
                }
                double r1 = sigmoid(belief[s] - down[s]);
                double r0 = 1 - r1;
                double ifNotAll = r1 * leak + r0 * (1 - leak);
                double ifAll = r1 * prior[s] + r0 * (1 - prior[s]);
                for (int k = 0; k < ps.length; k++) {
                    double others = 1;
                    for (int j = 0; j < ps.length; j++) {
                        if (j != k) {
                            others *= pa[j];
                        }
                    }
                    double known = others * ifAll + (1 - others) * ifNotAll;
                    double next = Math.log(known) - Math.log(ifNotAll);
                    change = Math.max(change, Math.abs(next - up[s][k]));
                    belief[ps[k]] += next - up[s][k];
                    up[s][k] = next;
                }
            }
            if (change < TOLERANCE) {
                break;
            }
        }
        for (int s = 0; s < n; s++) {
            belief[s] = evidence[s] + down[s] + fromChildren(s, up);
        }
        return new Beliefs(belief, evidence.clone(), down, up);
    }

    /**
     * The joint belief of a skill and its prerequisites, as the fitter's E-step wants it:
     * {P(known ∧ all prerequisites known), P(all prerequisites known), P(known ∧ not all), P(not all)}.
     */
    public double[] factorBelief(Beliefs b, int s) {
        int[] ps = graph.parents[s];
        double all = 1;
        for (int k = 0; k < ps.length; k++) {
            all *= sigmoid(b.logOdds()[ps[k]] - b.up()[s][k]);
        }
        double r1 = sigmoid(b.logOdds()[s] - b.down()[s]);
        double r0 = 1 - r1;
        double knownAll = all * prior[s] * r1;
        double unknownAll = all * (1 - prior[s]) * r0;
        double knownNotAll = (1 - all) * leak * r1;
        double unknownNotAll = (1 - all) * (1 - leak) * r0;
        double z = knownAll + unknownAll + knownNotAll + unknownNotAll;
        return new double[] {knownAll / z, (knownAll + unknownAll) / z, knownNotAll / z, (knownNotAll + unknownNotAll) / z};
    }

    private double fromChildren(int s, double[][] up) {
        double sum = 0;
        int[] cs = graph.children[s];
        int[] at = graph.positionInChild[s];
        for (int i = 0; i < cs.length; i++) {
            sum += up[cs[i]][at[i]];
        }
        return sum;
    }

    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    static double logit(double p) {
        return Math.log(p) - Math.log(1 - p);
    }
}
