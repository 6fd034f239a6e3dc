package dev.skillpath.skills.learning;

import java.util.List;

/**
 * A quiz of quizzes.json: either a fixed list of questions or a draw of {@code drawCount} random questions tagged
 * with {@code drawSkill}, made anew at every attempt.
 *
 * @param maxAttempts the most attempts a learner may make; 0 when the file sets no limit
 * @param passMark    the percentage of correct answers that passes (the simulated learners retake more often below it)
 */
public record Quiz(String key, List<String> questionKeys, String drawSkill, int drawCount, int maxAttempts, int passMark) {

    public Quiz {
        questionKeys = List.copyOf(questionKeys);
        if (questionKeys.isEmpty() == (drawSkill == null)) {
            throw new IllegalArgumentException("quiz " + key + " needs either questions or a draw, not both or neither");
        }
        if (drawSkill != null && drawCount < 1) {
            throw new IllegalArgumentException("quiz " + key + " draws " + drawCount + " questions");
        }
    }

    public boolean drawn() {
        return drawSkill != null;
    }

    /** Whether a learner who has made {@code attempts} attempts may make another. */
    public boolean allowsAnotherAfter(int attempts) {
        return maxAttempts == 0 || attempts < maxAttempts;
    }
}
