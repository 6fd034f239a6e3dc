package dev.skillpath.quiz.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.skillpath.problems.ProblemType;
import dev.skillpath.platform.api.Problem.Violation;
import dev.skillpath.platform.api.ProblemException;
import dev.skillpath.platform.catalog.KnownSkills;
import dev.skillpath.quiz.api.QuizViews.QuizInput;
import dev.skillpath.quiz.events.QuizEvents;
import dev.skillpath.quiz.store.QuizStore;

/**
 * Authoring of quizzes: drafts, publishing, changes and retiring. A quiz stays editable after learners attempted
 * it (each attempt keeps the questions, versions and pass mark it started with); a change to a published quiz
 * is announced again as {@code quiz.published}.
 */
@ApplicationScoped
@Transactional
public class QuizAuthoring {

    @Inject
    KnownSkills knownSkills;

    @Inject
    QuizStore store;

    @Inject
    QuizEvents events;

    @Inject
    EntityManager em;

    public Quiz create(QuizInput input, String author) {
        Resolved resolved = resolve(input);
        Quiz quiz = new Quiz();
        quiz.id = UUID.randomUUID();
        quiz.status = QuizStatus.DRAFT;
        quiz.createdBy = author;
        apply(quiz, input, resolved);
        quiz.persist();
        replaceQuestions(quiz, resolved.questions());
        return quiz;
    }

    /** A published quiz from the seed, whose skills are the seeded skills' fixed ids. */
    public Quiz seed(UUID id, QuizInput input, List<UUID> skills, List<UUID> questions, UUID drawSkill, String author) {
        Quiz quiz = new Quiz();
        quiz.id = id;
        quiz.status = QuizStatus.PUBLISHED;
        quiz.createdBy = author;
        quiz.publishedAt = OffsetDateTime.now(ZoneOffset.UTC);
        apply(quiz, input, new Resolved(skills, questions, drawSkill));
        quiz.persist();
        replaceQuestions(quiz, questions);
        em.flush();
        requirePublishable(quiz);
        events.published(quiz);
        return quiz;
    }

    public Quiz update(UUID id, QuizInput input) {
        Quiz quiz = existing(id);
        if (quiz.status == QuizStatus.RETIRED) {
            throw ProblemException.conflict(ProblemType.QUIZ_RETIRED, "The quiz '" + quiz.title + "' is retired; it cannot change.");
        }
        Resolved resolved = resolve(input);
        apply(quiz, input, resolved);
        replaceQuestions(quiz, resolved.questions());
        quiz.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        em.flush();
        if (quiz.status == QuizStatus.PUBLISHED) {
            requirePublishable(quiz);
            events.published(quiz);
        }
        return quiz;
    }

    /** Makes a draft available to learners; publishing a published quiz changes nothing. */
    public Quiz publish(UUID id) {
        Quiz quiz = existing(id);
        if (quiz.status == QuizStatus.RETIRED) {
            throw ProblemException.conflict(ProblemType.QUIZ_RETIRED, "The quiz '" + quiz.title + "' is retired; it cannot be published again.");
        }
        if (quiz.status == QuizStatus.PUBLISHED) {
            return quiz;
        }
        requirePublishable(quiz);
        quiz.status = QuizStatus.PUBLISHED;
        quiz.publishedAt = OffsetDateTime.now(ZoneOffset.UTC);
        em.flush();
        events.published(quiz);
        return quiz;
    }

    /** Retires a quiz: no new attempts, open ones can still be submitted. Idempotent. */
    public void retire(UUID id) {
        Quiz quiz = existing(id);
        if (quiz.status == QuizStatus.RETIRED) {
            return;
        }
        boolean wasPublished = quiz.status == QuizStatus.PUBLISHED;
        quiz.status = QuizStatus.RETIRED;
        em.flush();
        if (wasPublished) {
            events.retired(quiz);
        }
    }

    private Quiz existing(UUID id) {
        Quiz quiz = Quiz.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (quiz == null) {
            throw ProblemException.notFound("There is no quiz " + id + ".");
        }
        return quiz;
    }

    private void requirePublishable(Quiz quiz) {
        if (quiz.drawsAtRandom()) {
            int pool = store.pool(quiz.drawSkillId).size();
            if (pool < quiz.drawCount) {
                throw ProblemException.unprocessable(ProblemType.QUIZ_NOT_READY, "The quiz draws " + quiz.drawCount
                        + " questions but its skill's pool has only " + pool + ".",
                        List.of(new Violation("draw.count", "is larger than the pool (" + pool + ")")));
            }
        } else if (store.questionCount(quiz) == 0) {
            throw ProblemException.unprocessable(ProblemType.QUIZ_NOT_READY, "A quiz needs at least one question to be published.",
                    List.of(new Violation("questions", "must not be empty")));
        }
    }

    record Resolved(List<UUID> skills, List<UUID> questions, UUID drawSkill) {
    }

    private Resolved resolve(QuizInput input) {
        List<Violation> violations = new ArrayList<>();
        if (input.questions() != null && !input.questions().isEmpty() && input.draw() != null) {
            violations.add(new Violation("draw", "give either questions or draw, not both"));
        }
        List<UUID> questions = input.questions() == null ? List.of() : input.questions();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < questions.size(); i++) {
            if (questions.get(i) != null && !seen.add(questions.get(i))) {
                violations.add(new Violation("questions[" + i + "]", "appears more than once"));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("The quiz has invalid fields.", violations);
        }
        List<Violation> unknown = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            if (Question.findById(questions.get(i)) == null) {
                unknown.add(new Violation("questions[" + i + "]", "there is no question " + questions.get(i)));
            }
        }
        if (!unknown.isEmpty()) {
            throw ProblemException.unprocessable(ProblemType.UNKNOWN_QUESTION, "Some questions are not in the bank.", unknown);
        }
        UUID drawSkill = input.draw() == null ? null
                : knownSkills.requireActive(List.of(input.draw().skill()), "draw.skill").get(0);
        List<UUID> skills = knownSkills.requireActive(input.skills() == null ? List.of() : input.skills(), "skills");
        if (skills.isEmpty()) {
            // untagged: the quiz is about what its questions are about
            Set<UUID> derived = new LinkedHashSet<>();
            if (drawSkill != null) {
                derived.add(drawSkill);
            }
            for (UUID q : questions) {
                derived.addAll(List.of(Question.<Question>findById(q).current().skillIds));
            }
            skills = List.copyOf(derived);
        }
        return new Resolved(skills, questions, drawSkill);
    }

    private static void apply(Quiz quiz, QuizInput input, Resolved resolved) {
        quiz.title = input.title().strip();
        quiz.description = input.description() == null || input.description().isBlank() ? null
                : input.description().strip();
        quiz.skillIds = resolved.skills().toArray(UUID[]::new);
        quiz.drawSkillId = resolved.drawSkill();
        quiz.drawCount = input.draw() == null ? null : input.draw().count();
        quiz.passMark = input.passMark() == null ? 50 : input.passMark();
        quiz.timeLimitSeconds = input.timeLimitSeconds();
        quiz.maxAttempts = input.maxAttempts();
        quiz.shuffleQuestions = Boolean.TRUE.equals(input.shuffleQuestions());
        quiz.shuffleOptions = Boolean.TRUE.equals(input.shuffleOptions());
        quiz.gradingMethod = input.gradingMethod() == null ? GradingMethod.HIGHEST : input.gradingMethod();
        quiz.reviewPolicy = input.reviewPolicy() == null ? ReviewPolicy.AFTER_SUBMIT : input.reviewPolicy();
    }

    private void replaceQuestions(Quiz quiz, List<UUID> questions) {
        QuizQuestion.delete("quizId", quiz.id);
        em.flush();
        int position = 1;
        for (UUID questionId : questions) {
            QuizQuestion qq = new QuizQuestion();
            qq.id = UUID.randomUUID();
            qq.quizId = quiz.id;
            qq.position = position++;
            qq.questionId = questionId;
            qq.persist();
        }
    }
}
