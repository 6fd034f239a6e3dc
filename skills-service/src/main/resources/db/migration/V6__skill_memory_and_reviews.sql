-- Spaced review of mastered skills (issue #16, docs/learning.md "Forgetting and reviews"). A skill's memory starts
-- when the learner model first calls it mastered; every later event with graded answers on it is an FSRS review.
-- Like the rest of a mastery row it is derived from the evidence (a replay after a fit writes it again), so it lives
-- in the same row; all its columns are set together or not at all.
alter table mastery
    add column stability      double precision,
    add column difficulty     double precision,
    add column reviews        integer,
    add column lapses         integer,
    add column last_review_at timestamptz,
    add column due_at         timestamptz,
    add constraint mastery_memory_whole check (
        (stability is null) = (difficulty is null) and (stability is null) = (reviews is null)
        and (stability is null) = (lapses is null) and (stability is null) = (last_review_at is null)
        and (stability is null) = (due_at is null)),
    add constraint mastery_memory_sane check (
        stability is null or (stability > 0 and difficulty between 1 and 10 and reviews >= 1
                               and lapses between 0 and reviews and due_at > last_review_at));

-- The due sweep reads what fell due, oldest first.
create index mastery_due_idx on mastery (due_at) where due_at is not null;

-- review.due announced: once per learner, skill and due date, whichever replica's sweep got there first (the
-- primary key decides). Not derived from evidence, so a replay leaves it: the same due date is never announced twice.
create table review_due_announcement (
    learner_id   text        not null,
    skill_id     uuid        not null,
    due_at       timestamptz not null,
    announced_at timestamptz not null,
    primary key (learner_id, skill_id, due_at)
);
