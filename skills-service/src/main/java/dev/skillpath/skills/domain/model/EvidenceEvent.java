package dev.skillpath.skills.domain.model;

import java.util.List;

/**
 * What one progress event tells the model: a graded attempt (its answers, then a learning opportunity for every
 * skill they practised) or a completed lesson (a learning opportunity for its skills, no observation).
 */
public record EvidenceEvent(List<AnsweredQuestion> answers, int[] lessonSkills) {

    public static EvidenceEvent attempt(List<AnsweredQuestion> answers) {
        return new EvidenceEvent(List.copyOf(answers), new int[0]);
    }

    public static EvidenceEvent lesson(int[] skills) {
        return new EvidenceEvent(List.of(), skills.clone());
    }

    public boolean isLesson() {
        return answers.isEmpty();
    }
}
