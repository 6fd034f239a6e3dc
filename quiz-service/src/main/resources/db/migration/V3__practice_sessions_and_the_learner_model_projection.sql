-- What the learner model says of each learner (skill.estimates.changed) and of a newcomer (skill.model.baseline),
-- as skills-service publishes it: one row per subject ('learner:<id>' or 'baseline'), the newest snapshot only.
-- Practice sessions pick questions by it; quiz-service never asks skills-service in a request.
create table estimate_snapshot (
    subject        text primary key,
    fit_id         bigint      not null,
    -- skill id → P(known)
    estimates      jsonb       not null,
    mastered       uuid[]      not null,
    -- most ready first
    frontier       uuid[]      not null,
    -- prerequisites mastered but probably known already: a newcomer's roots
    to_confirm     uuid[]      not null,
    cause_event_id uuid        not null,
    estimated_at   timestamptz not null,
    updated_at     timestamptz not null default now()
);

-- A practice session: a learner's run of questions picked one at a time for a target (one skill, or the
-- frontier as it stood at the start), each graded at once.
create table practice_session (
    id               uuid primary key,
    learner_id       text             not null,
    target           text             not null check (target in ('skill', 'frontier')),
    target_skill_ids uuid[]           not null check (cardinality(target_skill_ids) >= 1),
    status           text             not null check (status in ('active', 'ended')),
    end_reason       text check (end_reason in ('target-mastered', 'question-limit', 'pool-exhausted', 'by-learner')),
    max_questions    integer          not null check (max_questions between 1 and 100),
    target_chance    double precision not null check (target_chance > 0 and target_chance < 1),
    started_at       timestamptz      not null,
    ended_at         timestamptz,
    answered         integer          not null default 0,
    correct          integer          not null default 0,
    version          bigint           not null default 0,
    check ((status = 'ended') = (end_reason is not null))
);
create index practice_session_learner_idx on practice_session (learner_id, started_at desc);

-- Each question a session gave, why it was chosen (the skill it practises, the learner's estimate of it, the
-- predicted chance and the item's parameters then), and once answered the answer and its grade.
create table practice_item (
    id                  uuid primary key,
    session_id          uuid             not null references practice_session (id),
    position            integer          not null check (position >= 1),
    question_id         uuid             not null references question (id),
    question_version_id uuid             not null references question_version (id),
    skill_id            uuid             not null,
    skill_estimate      double precision not null,
    predicted           double precision not null,
    guess               double precision not null,
    slip                double precision not null,
    difficulty          double precision,
    parameters          text             not null check (parameters in ('fitted', 'shape')),
    option_order        jsonb,
    served_at           timestamptz      not null,
    answer              jsonb,
    answered_at         timestamptz,
    credit              double precision check (credit between 0 and 1),
    correct             boolean,
    unique (session_id, position),
    unique (session_id, question_id)
);
