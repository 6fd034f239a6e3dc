package dev.skillpath.quiz.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillpath.platform.catalog.KnownSkills;
import dev.skillpath.quiz.api.QuizViews.AttemptQuestionView;
import dev.skillpath.quiz.api.QuizViews.AttemptSummary;
import dev.skillpath.quiz.api.QuizViews.AttemptView;
import dev.skillpath.quiz.api.QuizViews.DrawView;
import dev.skillpath.quiz.api.QuizViews.FlagView;
import dev.skillpath.quiz.api.QuizViews.OptionView;
import dev.skillpath.quiz.api.QuizViews.QuestionDetail;
import dev.skillpath.quiz.api.QuizViews.QuestionSummary;
import dev.skillpath.quiz.api.QuizViews.QuizDetail;
import dev.skillpath.quiz.api.QuizViews.QuizRef;
import dev.skillpath.quiz.api.QuizViews.QuizSummary;
import dev.skillpath.quiz.api.QuizViews.ResultView;
import dev.skillpath.quiz.api.QuizViews.ReviewItem;
import dev.skillpath.quiz.api.QuizViews.SkillRef;
import dev.skillpath.quiz.domain.Answer;
import dev.skillpath.quiz.domain.Attempt;
import dev.skillpath.quiz.domain.AttemptQuestion;
import dev.skillpath.quiz.domain.Grading;
import dev.skillpath.quiz.domain.JsonColumns;
import dev.skillpath.quiz.domain.Question;
import dev.skillpath.quiz.domain.QuestionBody;
import dev.skillpath.quiz.domain.QuestionFlag;
import dev.skillpath.quiz.domain.QuestionVersion;
import dev.skillpath.quiz.domain.Quiz;
import dev.skillpath.quiz.store.QuizStore;

/** Entities to API records. The learner's attempt view is built here, and only here, from what may be shown. */
@ApplicationScoped
public class QuizMapper {

    @Inject
    KnownSkills knownSkills;

    @Inject
    QuizStore store;

    public List<SkillRef> skills(UUID[] ids) {
        return skills(List.of(ids));
    }

    public List<SkillRef> skills(Collection<UUID> ids) {
        Map<UUID, KnownSkills.KnownSkill> known = knownSkills.byIds(new LinkedHashSet<>(ids));
        List<SkillRef> refs = new ArrayList<>();
        for (UUID id : ids) {
            KnownSkills.KnownSkill k = known.get(id);
            refs.add(new SkillRef(id, k == null ? null : k.slug(), k == null ? null : k.name()));
        }
        return refs;
    }

    public QuestionDetail question(Question q, QuestionVersion v) {
        QuestionBody b = JsonColumns.body(v.body);
        return new QuestionDetail(q.id, v.version, q.currentVersion, v.type, v.prompt, v.points, skills(v.skillIds),
                b.options(), b.answer(), b.trueFeedback(), b.falseFeedback(), b.acceptedAnswers(), b.foldAccents(),
                b.value(), b.tolerance(), v.generalFeedback, v.createdBy, v.createdAt);
    }

    public QuestionSummary summary(Question q, QuestionVersion v) {
        return summary(q, v, null);
    }

    public QuestionSummary summary(Question q, QuestionVersion v, QuestionFlag flag) {
        return new QuestionSummary(q.id, q.currentVersion, v.type, v.prompt, v.points, skills(v.skillIds), q.updatedAt,
                flag(flag));
    }

    public static FlagView flag(QuestionFlag flag) {
        return flag == null ? null : new FlagView(flag.reasons(), flag.firstAttempts(), flag.facility(),
                flag.discrimination(), flag.quizId(), flag.flaggedAt());
    }

    public QuizSummary summary(Quiz q) {
        return new QuizSummary(q.id, q.title, q.description, q.status, skills(q.skillIds), store.questionCount(q),
                q.passMark, q.timeLimitSeconds, q.maxAttempts, q.gradingMethod, q.reviewPolicy, q.publishedAt);
    }

    public QuizDetail detail(Quiz q) {
        List<QuestionDetail> questions = null;
        DrawView draw = null;
        if (q.drawsAtRandom()) {
            draw = new DrawView(skills(List.of(q.drawSkillId)).get(0), q.drawCount, store.pool(q.drawSkillId).size());
        } else {
            questions = store.questionsOf(q.id).stream().map(qq -> {
                Question question = Question.findById(qq.questionId);
                return question(question, question.current());
            }).toList();
        }
        return new QuizDetail(q.id, q.title, q.description, q.status, skills(q.skillIds), store.questionCount(q),
                q.passMark, q.timeLimitSeconds, q.maxAttempts, q.shuffleQuestions, q.shuffleOptions, q.gradingMethod,
                q.reviewPolicy, questions, draw, q.createdBy, q.createdAt, q.updatedAt, q.publishedAt);
    }

    public static ResultView result(Attempt a) {
        return a.graded() ? new ResultView(a.score, a.maxScore, a.percentage(), a.passMark, a.passed) : null;
    }

    public static AttemptSummary summary(Attempt a, Quiz quiz) {
        return new AttemptSummary(a.id, new QuizRef(quiz.id, quiz.title), a.learnerId, a.number, a.status,
                a.startedAt, a.deadline, a.gradedAt, result(a));
    }

    /**
     * An attempt as its learner sees it. Before grading: prompts, points, options as id and text in the order
     * given, and the learner's own answers. The review (credit, correctness, feedback, correct answer) is added
     * only when {@code review} is true, which the caller decides from the quiz's policy and only after grading.
     */
    public AttemptView attempt(Attempt a, Quiz quiz, boolean review) {
        List<AttemptQuestion> questions = store.questionsOf(a);
        return attempt(a, quiz, review, questions, store.versions(questions.stream().map(q -> q.questionVersionId).toList()));
    }

    /** The same, with the attempt's questions in order and their versions by id already at hand. */
    public AttemptView attempt(Attempt a, Quiz quiz, boolean review, List<AttemptQuestion> questions,
            Map<UUID, QuestionVersion> versions) {
        boolean showReview = review && a.graded();
        List<AttemptQuestionView> views = new ArrayList<>();
        for (AttemptQuestion aq : questions) {
            QuestionVersion v = versions.get(aq.questionVersionId);
            QuestionBody body = JsonColumns.body(v.body);
            Answer answer = JsonColumns.answer(aq.answer);
            views.add(new AttemptQuestionView(aq.questionId, v.version, aq.position, v.type, v.prompt, v.points,
                    options(body, aq.optionOrder), answer, aq.answeredAt, showReview ? review(v, body, answer,
                            aq.credit == null ? 0 : aq.credit, aq.score == null ? 0 : aq.score) : null));
        }
        return new AttemptView(a.id, new QuizRef(quiz.id, quiz.title), a.learnerId, a.number, a.status, a.startedAt,
                a.deadline, a.submittedAt, a.gradedAt, a.autoSubmitted, a.reviewPolicy, result(a), showReview, views);
    }

    /** The options as shown (id and text, in the order given; no correct flags), null for types without options. */
    public static List<OptionView> options(QuestionBody body, String optionOrder) {
        List<String> order = JsonColumns.ids(optionOrder);
        if (order == null) {
            return null;
        }
        Map<String, String> texts = new java.util.HashMap<>();
        body.optionsOrEmpty().forEach(o -> texts.put(o.id(), o.text()));
        return order.stream().map(id -> new OptionView(id, texts.get(id))).toList();
    }

    /** How an answer was graded, with the feedback of what it chose, the general feedback and the correct answer. */
    public static ReviewItem review(QuestionVersion v, QuestionBody body, Answer answer, double credit, double score) {
        Grading.Grade grade = Grading.grade(v.type, body, answer); // for the chosen options' feedback
        Answer key = switch (v.type) {
            case SINGLE_CHOICE -> Answer.choice(body.optionsOrEmpty().stream().filter(QuestionBody.Option::isCorrect)
                    .map(QuestionBody.Option::id).findFirst().orElse(null));
            case MULTIPLE_CHOICE -> Answer.choices(body.optionsOrEmpty().stream().filter(QuestionBody.Option::isCorrect)
                    .map(QuestionBody.Option::id).toList());
            case TRUE_FALSE -> Answer.value(Boolean.TRUE.equals(body.answer()));
            case SHORT_TEXT -> Answer.text(body.acceptedAnswers().get(0));
            case NUMERIC -> Answer.number(body.value());
            case ORDERING -> Answer.order(body.optionsOrEmpty().stream().map(QuestionBody.Option::id).toList());
        };
        return new ReviewItem(credit, score, credit >= 1.0, grade.feedback(),
                v.generalFeedback, key, v.type == dev.skillpath.quiz.domain.QuestionType.SHORT_TEXT
                        ? body.acceptedAnswers() : null,
                v.type == dev.skillpath.quiz.domain.QuestionType.NUMERIC ? body.toleranceOrZero() : null);
    }
}
