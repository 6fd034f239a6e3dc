package dev.skillpath.quiz.domain;

/**
 * A CDI event: questions of the bank, or the learner model's fit of them, changed in the current transaction.
 * Whoever keeps a copy of the bank (the practice pool) reads it again once the transaction has committed.
 *
 * @param why what changed, for the reader of a log or a debugger
 */
public record ItemsChanged(String why) {
}
