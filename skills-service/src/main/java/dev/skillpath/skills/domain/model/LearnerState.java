package dev.skillpath.skills.domain.model;

import java.util.Arrays;

/**
 * Everything the learner model keeps of one learner, per skill position of a {@link ModelGraph}: the skill's own
 * evidence and the counts shown to people. The estimates are computed from it ({@link LearnerModel#estimate}), so a
 * state is all there is to store, and replaying a learner's evidence from a fresh state gives it back exactly.
 */
public final class LearnerState {

    final SkillEvidence[] evidence;
    final int[] observations;
    final int[] correct;
    final int[] learningSteps;

    public LearnerState(int skills) {
        evidence = new SkillEvidence[skills];
        Arrays.fill(evidence, SkillEvidence.NONE);
        observations = new int[skills];
        correct = new int[skills];
        learningSteps = new int[skills];
    }

    public int size() {
        return evidence.length;
    }

    public SkillEvidence evidence(int skill) {
        return evidence[skill];
    }

    public int observations(int skill) {
        return observations[skill];
    }

    public int correctAnswers(int skill) {
        return correct[skill];
    }

    public int learningSteps(int skill) {
        return learningSteps[skill];
    }

    /** Whether anything at all is known of the learner on this skill. */
    public boolean hasEvidence(int skill) {
        return observations[skill] > 0 || learningSteps[skill] > 0;
    }

    /** Restores one skill's stored state. */
    public void restore(int skill, SkillEvidence e, int observations, int correct, int learningSteps) {
        evidence[skill] = e;
        this.observations[skill] = observations;
        this.correct[skill] = correct;
        this.learningSteps[skill] = learningSteps;
    }
}
