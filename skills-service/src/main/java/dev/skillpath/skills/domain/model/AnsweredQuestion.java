package dev.skillpath.skills.domain.model;

import dev.skillpath.platform.learning.QuestionShape;

/**
 * One graded answer as the model sees it: which question version, its shape, the positions of its tagged skills in
 * the model's graph (−1 for a skill the model does not know) and whether it was right.
 */
public record AnsweredQuestion(ItemKey item, QuestionShape shape, int[] tags, boolean correct) {
}
