package dev.skillpath.quiz.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import dev.skillpath.platform.api.PageRequest;
import dev.skillpath.quiz.domain.Attempt;
import dev.skillpath.quiz.domain.AttemptQuestion;
import dev.skillpath.quiz.domain.QuestionVersion;
import dev.skillpath.quiz.domain.Quiz;
import dev.skillpath.quiz.domain.QuizQuestion;
import dev.skillpath.quiz.domain.QuizStatus;

/** Queries over questions, quizzes and attempts. */
@ApplicationScoped
public class QuizStore {

    @Inject
    EntityManager em;

    public record Slice<T>(List<T> items, long total) {
    }

    /** Quizzes with one of these statuses, tagged with the skill (or drawing from it) when one is given. */
    public Slice<Quiz> quizzes(List<QuizStatus> statuses, UUID skill, PageRequest page) {
        String where = " where status = any(cast(:statuses as text[]))"
                + (skill == null ? "" : " and (cast(:skill as uuid) = any(skill_ids) or draw_skill_id = cast(:skill as uuid))");
        Query count = em.createNativeQuery("select count(*) from quiz" + where);
        Query list = em.createNativeQuery("select * from quiz" + where + " order by title, id", Quiz.class);
        String[] values = statuses.stream().map(QuizStatus::value).toArray(String[]::new);
        for (Query q : List.of(count, list)) {
            q.setParameter("statuses", "{" + String.join(",", values) + "}");
            if (skill != null) {
                q.setParameter("skill", skill.toString());
            }
        }
        @SuppressWarnings("unchecked")
        List<Quiz> quizzes = list.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        return new Slice<>(quizzes, ((Number) count.getSingleResult()).longValue());
    }

    /** The current versions of the bank's questions, optionally only those tagged with a skill or of a type. */
    public Slice<QuestionVersion> currentQuestions(UUID skill, String type, PageRequest page) {
        return currentQuestions(skill, type, null, page);
    }

    /** {@link #currentQuestions(UUID, String, PageRequest)}, and with {@code flagged} only those (not) flagged. */
    public Slice<QuestionVersion> currentQuestions(UUID skill, String type, Boolean flagged, PageRequest page) {
        String where = " from question_version v join question q on q.id = v.question_id and v.version = q.current_version"
                + " where 1 = 1" + (skill == null ? "" : " and cast(:skill as uuid) = any(v.skill_ids)")
                + (type == null ? "" : " and v.type = :type")
                + (flagged == null ? "" : (flagged ? " and" : " and not")
                        + " exists (select 1 from question_flag f where f.question_version_id = v.id)");
        Query count = em.createNativeQuery("select count(*)" + where);
        Query list = em.createNativeQuery("select v.*" + where + " order by q.created_at, q.id", QuestionVersion.class);
        for (Query q : List.of(count, list)) {
            if (skill != null) {
                q.setParameter("skill", skill.toString());
            }
            if (type != null) {
                q.setParameter("type", type);
            }
        }
        @SuppressWarnings("unchecked")
        List<QuestionVersion> versions = list.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        return new Slice<>(versions, ((Number) count.getSingleResult()).longValue());
    }

    /** The ids of the questions whose current version is tagged with the skill: a random draw's pool. */
    @SuppressWarnings("unchecked")
    public List<UUID> pool(UUID skill) {
        return em.createNativeQuery("select q.id from question q join question_version v on v.question_id = q.id"
                + " and v.version = q.current_version where cast(:skill as uuid) = any(v.skill_ids) order by q.id", UUID.class)
                .setParameter("skill", skill.toString()).getResultList();
    }

    public List<QuizQuestion> questionsOf(UUID quizId) {
        return QuizQuestion.list("quizId = ?1 order by position", quizId);
    }

    public int questionCount(Quiz quiz) {
        return quiz.drawsAtRandom() ? quiz.drawCount : (int) QuizQuestion.count("quizId", quiz.id);
    }

    public List<AttemptQuestion> questionsOf(Attempt attempt) {
        return AttemptQuestion.list("attemptId = ?1 order by position", attempt.id);
    }

    public Map<UUID, QuestionVersion> versions(List<UUID> ids) {
        Map<UUID, QuestionVersion> byId = new HashMap<>();
        if (!ids.isEmpty()) {
            QuestionVersion.<QuestionVersion>list("id in ?1", ids).forEach(v -> byId.put(v.id, v));
        }
        return byId;
    }

    public List<Attempt> attemptsOf(UUID quizId, String learnerId) {
        return Attempt.list("quizId = ?1 and learnerId = ?2 order by number", quizId, learnerId);
    }

    public Slice<Attempt> attemptsOf(String learnerId, UUID quizId, PageRequest page) {
        String where = "learnerId = ?1" + (quizId == null ? "" : " and quizId = ?2");
        Object[] params = quizId == null ? new Object[] { learnerId } : new Object[] { learnerId, quizId };
        List<Attempt> attempts = Attempt.find(where + " order by startedAt desc, id", params)
                .page(page.page(), page.size()).list();
        return new Slice<>(attempts, Attempt.count(where, params));
    }

    public List<AttemptQuestion> questionsOf(List<UUID> attemptIds) {
        if (attemptIds.isEmpty()) {
            return new ArrayList<>();
        }
        return AttemptQuestion.list("attemptId in ?1 order by position", attemptIds);
    }

    public long attemptsGivenVersion(UUID versionId) {
        return AttemptQuestion.count("questionVersionId", versionId);
    }

    /** Attempts still open after their deadline, oldest first. */
    @SuppressWarnings("unchecked")
    public List<UUID> expiredAttempts(int limit) {
        return em.createNativeQuery("select id from attempt where status = 'in_progress' and deadline <= now()"
                + " order by deadline limit " + limit, UUID.class).getResultList();
    }
}
