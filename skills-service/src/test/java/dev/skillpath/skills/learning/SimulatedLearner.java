package dev.skillpath.skills.learning;

/**
 * One simulated learner's hidden truth: which skills they know right now, and their traits. Only the simulation
 * and the oracle read it.
 */
public final class SimulatedLearner {

    private final String id;
    private final int index;
    private final int phase;
    private final double ability;
    private final double theta;
    private final double persistence;
    private final boolean[] known;

    SimulatedLearner(String id, int index, int phase, double ability, double theta, double persistence, boolean[] known) {
        this.id = id;
        this.index = index;
        this.phase = phase;
        this.ability = ability;
        this.theta = theta;
        this.persistence = persistence;
        this.known = known;
    }

    /** The opaque id estimators see. */
    public String id() { return id; }

    /** The learner's position in the population. */
    public int index() { return index; }

    /** 1 or 2: which phase of the protocol the learner runs in. */
    public int phase() { return phase; }

    /** The shift, on the logit scale, of the chance of knowing each skill at the start. */
    public double ability() { return ability; }

    /** The compensatory model's person parameter (correlated with the ability). */
    public double theta() { return theta; }

    /** The chance of retaking a quiz after failing it (a fraction of it after passing). */
    public double persistence() { return persistence; }

    public boolean knows(int skill) { return known[skill]; }

    void learn(int skill) { known[skill] = true; }

    /** The learner no longer knows the skill (only the forgetting evaluation forgets; its prerequisites stay as they are). */
    void unlearn(int skill) { known[skill] = false; }

    /** The same learner as they are now, whose learning from here on leaves this one as it is. */
    SimulatedLearner copy() {
        return new SimulatedLearner(id, index, phase, ability, theta, persistence, known.clone());
    }

    /** A copy of the current state, by skill index. */
    public boolean[] state() { return known.clone(); }
}
