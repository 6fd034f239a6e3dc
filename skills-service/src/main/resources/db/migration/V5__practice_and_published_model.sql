-- Practice answers (quiz-service's practice sessions, issue #15) are evidence like a graded attempt's answers: one
-- observation of the question, then a learning opportunity. They are kept as kind 'practice', with the session id
-- where an attempt's id is (attempt_id) and no quiz, so a refit and a replay read them as the consumer did.
alter table evidence drop constraint evidence_kind_check;
alter table evidence add constraint evidence_kind_check check (kind in ('answer', 'practice', 'lesson'));
alter table evidence add constraint evidence_practice_has_session
    check (kind <> 'practice' or (attempt_id is not null and quiz_id is null));

-- The newcomer baseline (skill.model.baseline) last published: what a learner without evidence is estimated at,
-- and their frontier. One row; a replica publishes a new baseline only when its fingerprint differs (under an
-- advisory lock), so several replicas starting at once publish it once.
create table model_baseline (
    id           boolean primary key default true check (id),
    fingerprint  text not null,
    fit_id       bigint not null,
    event_id     uuid not null,
    published_at timestamptz not null
);
