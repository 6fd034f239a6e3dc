package dev.skillpath.quiz.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.skillpath.platform.api.Problem.Violation;
import dev.skillpath.platform.api.ProblemException;
import dev.skillpath.platform.catalog.KnownSkills;
import dev.skillpath.quiz.api.QuizViews.OptionInput;
import dev.skillpath.quiz.api.QuizViews.QuestionInput;

/**
 * Authoring of the question bank. Editing a question whose current version an attempt was given makes a new
 * version (the attempt keeps the old one); otherwise the current version is edited in place. Authors are never
 * locked out of a question, and old attempts never change.
 */
@ApplicationScoped
@Transactional
public class QuestionBank {

    private static final java.util.Random IDS = new java.security.SecureRandom();

    /** The fewest items an ordering question may have: 3 items have 6 orders, 2 only 2. */
    public static final int MIN_ITEMS = 3;

    @Inject
    KnownSkills knownSkills;

    @Inject
    EntityManager em;

    @Inject
    Event<ItemsChanged> changes;

    public Question create(QuestionInput input, String author) {
        QuestionBody body = bodyOf(input);
        List<UUID> skills = knownSkills.requireActive(input.skills(), "skills");
        return create(UUID.randomUUID(), input, body, skills, author);
    }

    /** Creates a question whose skills are already ids (the seed, which uses the seeded skills' fixed ids). */
    public Question create(UUID id, QuestionInput input, QuestionBody body, List<UUID> skills, String author) {
        Question question = new Question();
        question.id = id;
        question.currentVersion = 1;
        question.createdBy = author;
        question.persist();
        QuestionVersion version = new QuestionVersion();
        version.id = UUID.randomUUID();
        version.questionId = id;
        version.version = 1;
        version.createdBy = author;
        apply(version, input, body, skills);
        version.persist();
        changes.fire(new ItemsChanged("question " + id + " created"));
        return question;
    }

    public Question update(UUID id, QuestionInput input, String author) {
        QuestionBody body = bodyOf(input);
        List<UUID> skills = knownSkills.requireActive(input.skills(), "skills");
        // an attempt starting now takes a share lock on the question, so it cannot pick a version being edited
        Question question = Question.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (question == null) {
            throw ProblemException.notFound("There is no question " + id + ".");
        }
        QuestionVersion current = question.current();
        if (given(current)) {
            QuestionVersion next = new QuestionVersion();
            next.id = UUID.randomUUID();
            next.questionId = id;
            next.version = current.version + 1;
            next.createdBy = author;
            apply(next, input, body, skills);
            next.persist();
            question.currentVersion = next.version;
        } else {
            apply(current, input, body, skills);
        }
        question.updatedAt = java.time.OffsetDateTime.now();
        em.flush();
        changes.fire(new ItemsChanged("question " + id + " edited"));
        return question;
    }

    /**
     * Whether a learner was given this version, in a quiz attempt or a practice session: then an edit writes a new
     * version, so that what they were shown, graded by and told about stays the version they saw.
     */
    private boolean given(QuestionVersion v) {
        return AttemptQuestion.count("questionVersionId", v.id) > 0
                || (Boolean) em.createNativeQuery("select exists (select 1 from practice_item where question_version_id = ?1)")
                        .setParameter(1, v.id).getSingleResult();
    }

    private static void apply(QuestionVersion v, QuestionInput input, QuestionBody body, List<UUID> skills) {
        v.type = input.type();
        v.prompt = input.prompt().strip();
        v.points = input.points() == null ? 1 : input.points();
        v.skillIds = skills.toArray(UUID[]::new);
        v.body = JsonColumns.write(body);
        v.generalFeedback = blankToNull(input.generalFeedback());
    }

    /**
     * The stored body of a question, after checking that the input has exactly the fields its type uses and that
     * they make a gradable question; 400 naming every field that does not.
     */
    public static QuestionBody bodyOf(QuestionInput in) {
        List<Violation> violations = new ArrayList<>();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("options", in.options());
        fields.put("answer", in.answer());
        fields.put("trueFeedback", in.trueFeedback());
        fields.put("falseFeedback", in.falseFeedback());
        fields.put("acceptedAnswers", in.acceptedAnswers());
        fields.put("foldAccents", in.foldAccents());
        fields.put("value", in.value());
        fields.put("tolerance", in.tolerance());
        Set<String> used = switch (in.type()) {
            case SINGLE_CHOICE, MULTIPLE_CHOICE, ORDERING -> Set.of("options");
            case TRUE_FALSE -> Set.of("answer", "trueFeedback", "falseFeedback");
            case SHORT_TEXT -> Set.of("acceptedAnswers", "foldAccents");
            case NUMERIC -> Set.of("value", "tolerance");
        };
        Set<String> required = switch (in.type()) {
            case SINGLE_CHOICE, MULTIPLE_CHOICE, ORDERING -> Set.of("options");
            case TRUE_FALSE -> Set.of("answer");
            case SHORT_TEXT -> Set.of("acceptedAnswers");
            case NUMERIC -> Set.of("value");
        };
        String kind = in.type().value().replace('_', ' ');
        fields.forEach((name, value) -> {
            if (value != null && !used.contains(name)) {
                violations.add(new Violation(name, "does not apply to a " + kind + " question"));
            } else if (value == null && required.contains(name)) {
                violations.add(new Violation(name, "is required for a " + kind + " question"));
            }
        });
        List<QuestionBody.Option> options = null;
        if (used.contains("options") && in.options() != null) {
            options = options(in, violations);
        }
        if (in.type() == QuestionType.NUMERIC && in.value() != null && !Double.isFinite(in.value())) {
            violations.add(new Violation("value", "must be a finite number"));
        }
        if (in.tolerance() != null && !Double.isFinite(in.tolerance())) {
            violations.add(new Violation("tolerance", "must be a finite number"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("The question has " + violations.size() + " invalid field"
                    + (violations.size() == 1 ? "" : "s") + ".", violations);
        }
        return switch (in.type()) {
            case SINGLE_CHOICE, MULTIPLE_CHOICE, ORDERING -> new QuestionBody(options, null, null, null, null, null,
                    null, null);
            case TRUE_FALSE -> new QuestionBody(null, in.answer(), blankToNull(in.trueFeedback()),
                    blankToNull(in.falseFeedback()), null, null, null, null);
            case SHORT_TEXT -> new QuestionBody(null, null, null, null,
                    in.acceptedAnswers().stream().map(String::strip).toList(), in.foldAccents(), null, null);
            case NUMERIC -> new QuestionBody(null, null, null, null, null, null, in.value(),
                    in.tolerance() == null ? 0.0 : in.tolerance());
        };
    }

    private static List<QuestionBody.Option> options(QuestionInput in, List<Violation> violations) {
        List<QuestionBody.Option> options = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> given = new HashSet<>();
        in.options().stream().filter(o -> o != null && o.id() != null).forEach(o -> given.add(o.id()));
        int correct = 0;
        for (int i = 0; i < in.options().size(); i++) {
            OptionInput o = in.options().get(i);
            if (o == null) {
                continue; // reported by bean validation
            }
            if (in.type() == QuestionType.ORDERING && o.id() != null) {
                violations.add(new Violation("options[" + i + "].id", "must not be given for an ordering question:"
                        + " its item ids are generated at random, since ids an author picks (a, b, c) tend to follow"
                        + " the correct order and give it away"));
            }
            String id = o.id() != null && in.type() != QuestionType.ORDERING ? o.id() : freshId(given);
            if (!ids.add(id)) {
                violations.add(new Violation("options[" + i + "].id", "'" + id + "' is used by another option"));
            }
            if (in.type() == QuestionType.ORDERING) {
                if (o.correct() != null) {
                    violations.add(new Violation("options[" + i + "].correct",
                            "does not apply to an ordering question: list the items in their correct order"));
                }
            } else if (Boolean.TRUE.equals(o.correct())) {
                correct++;
            }
            options.add(new QuestionBody.Option(id, o.text().strip(),
                    in.type() == QuestionType.ORDERING ? null : Boolean.TRUE.equals(o.correct()), blankToNull(o.feedback())));
        }
        if (in.type() == QuestionType.ORDERING && options.size() < MIN_ITEMS) {
            violations.add(new Violation("options", "an ordering question needs at least " + MIN_ITEMS + " items ("
                    + options.size() + " given): with 2, a guess is right half the time"));
        }
        if (in.type() == QuestionType.SINGLE_CHOICE && correct != 1) {
            violations.add(new Violation("options", "exactly one option must be correct (" + correct + " are)"));
        }
        if (in.type() == QuestionType.MULTIPLE_CHOICE && correct == 0) {
            violations.add(new Violation("options", "at least one option must be correct"));
        }
        return options;
    }

    /**
     * A random option id: ids that followed the authored order would give an ordering question's answer away, so
     * an ordering question's items always get these (an author's ids are refused there).
     */
    private static String freshId(Set<String> taken) {
        String id;
        do {
            id = "o" + Integer.toString(IDS.nextInt(36 * 36 * 36 * 36), 36);
        } while (!taken.add(id));
        return id;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
