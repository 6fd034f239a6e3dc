package dev.skillpath.quiz.domain;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A question on a quiz's fixed list, at its position. */
@Entity
@Table(name = "quiz_question")
public class QuizQuestion extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "quiz_id")
    public UUID quizId;
    public int position;
    @Column(name = "question_id")
    public UUID questionId;
}
