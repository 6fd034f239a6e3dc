package dev.skillpath.quiz.domain;

/** When a learner may see how each answer was graded, its feedback and the correct answers. */
public final class Review {

    private Review() {
    }

    /**
     * @param policy         the policy the attempt started with (a later change of the quiz does not reach it)
     * @param maxAttempts    the quiz's limit now, with {@code quizStatus}: "no attempt left" is about the learner's
     *                       next start, which meets the quiz as it is. Judged by the limit at the attempt's start, a
     *                       raised limit would show the answers to a learner who may still try again, and a lowered
     *                       one would hide them from a learner who may not
     * @param gradedAttempts how many of the learner's attempts at the quiz are graded
     * @return never before grading; {@code after_last_attempt} once no attempt is left (the limit is used up, or
     *         the quiz is retired); with unlimited attempts that is only when the quiz retires
     */
    public static boolean visible(ReviewPolicy policy, boolean graded, long gradedAttempts, Integer maxAttempts,
            QuizStatus quizStatus) {
        if (!graded) {
            return false;
        }
        return switch (policy) {
            case NEVER -> false;
            case AFTER_SUBMIT -> true;
            case AFTER_LAST_ATTEMPT -> quizStatus == QuizStatus.RETIRED
                    || (maxAttempts != null && gradedAttempts >= maxAttempts);
        };
    }
}
