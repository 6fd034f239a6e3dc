-- The learner model (docs/learning.md): every piece of evidence is kept so the model can be refitted and
-- replayed; each learner's state is what the model needs to go on from there; fits keep their parameters and
-- what they rest on.

-- One row per graded answer or completed lesson, in the order the consumer applied them.
create table evidence (
    id               bigserial primary key,
    learner_id       text not null,
    event_id         uuid not null,
    event_type       text not null,
    position         integer not null,
    kind             text not null check (kind in ('answer', 'lesson')),
    quiz_id          uuid,
    attempt_id       uuid,
    lesson_id        uuid,
    question_id      uuid,
    question_version integer,
    question_type    text,
    options          integer not null default 0,
    correct_options  integer not null default 0,
    answered         boolean,
    correct          boolean,
    skill_ids        uuid[] not null,
    observed_at      timestamptz not null,
    unique (event_id, position)
);
create index evidence_learner_idx on evidence (learner_id, id);

-- How far each piece of evidence moved each skill's estimate (directly or through the graph).
create table evidence_effect (
    learner_id  text not null,
    skill_id    uuid not null,
    evidence_id bigint not null references evidence (id) on delete cascade,
    before      double precision not null,
    after       double precision not null,
    direct      boolean not null,
    primary key (learner_id, skill_id, evidence_id)
);
create index evidence_effect_evidence_idx on evidence_effect (evidence_id);

-- A fit of the model's parameters; the newest applied one is in force.
create table model_fit (
    id             bigserial primary key,
    status         text not null check (status in ('running', 'applied', 'failed')),
    requested_by   text not null,
    started_at     timestamptz not null,
    finished_at    timestamptz,
    learners       integer,
    observations   integer,
    iterations     integer,
    log_likelihood double precision,
    leak           double precision check (leak > 0 and leak < 1),
    error          text
);

create table skill_fit (
    fit_id       bigint not null references model_fit (id) on delete cascade,
    skill_id     uuid not null references skill (id),
    prior        double precision not null check (prior between 0 and 1),
    learn        double precision not null check (learn between 0 and 1),
    guess        double precision not null check (guess > 0 and guess < 1),
    slip         double precision not null check (slip > 0 and slip < 1),
    observations integer not null,
    learners     integer not null,
    primary key (fit_id, skill_id)
);

create table item_fit (
    fit_id           bigint not null references model_fit (id) on delete cascade,
    question_id      uuid not null,
    question_version integer not null,
    question_type    text,
    guess            double precision not null check (guess > 0 and guess < 1),
    slip             double precision not null check (slip > 0 and slip < 1),
    difficulty       double precision not null,
    observations     integer not null,
    primary key (fit_id, question_id, question_version)
);

-- Per learner: which fit their state was computed with (a replay brings it to the newest), and the lock row.
create table learner_model (
    learner_id text primary key,
    fit_id     bigint not null default 0,
    updated_at timestamptz not null default now()
);

-- The model's state per (learner, skill): a skill's own evidence as log-likelihoods (learned_since null when
-- the chain has no way to have learned it yet), and whether the estimate rests on own evidence or on the graph.
alter table mastery
    add column log_known         double precision not null default 0,
    add column log_learned_since double precision,
    add column log_still_unknown double precision not null default 0,
    add column direct            boolean not null default true;

-- Existing learners: the old model kept counts, not answers. Each (learner, skill) row becomes that many answers
-- of a question of unknown shape on that skill alone (the wrong ones first, so the estimate ends where the evidence
-- is best), and its lessons as learning steps; the replay after start (fit_id -1 is never current) recomputes every
-- migrated learner from them. Kind 'answer', event type 'migrated'.
insert into evidence (learner_id, event_id, event_type, position, kind, answered, correct, skill_ids, observed_at)
select m.learner_id, md5(m.learner_id || ':' || m.skill_id)::uuid, 'migrated', i, 'answer', true,
       i > m.observations - m.correct_answers, array[m.skill_id], m.last_evidence_at
from mastery m, generate_series(1, m.observations) i
order by m.learner_id, m.skill_id, i;
insert into evidence (learner_id, event_id, event_type, position, kind, skill_ids, observed_at)
select m.learner_id, md5('lessons:' || m.learner_id || ':' || m.skill_id)::uuid, 'migrated', i, 'lesson',
       array[m.skill_id], m.last_evidence_at
from mastery m, generate_series(1, m.learning_steps) i
order by m.learner_id, m.skill_id, i;
insert into learner_model (learner_id, fit_id) select distinct learner_id, -1 from mastery;

-- At most one fit runs at a time, across replicas.
create unique index model_fit_one_running on model_fit ((true)) where status = 'running';
