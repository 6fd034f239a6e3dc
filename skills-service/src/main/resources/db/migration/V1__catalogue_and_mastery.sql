-- The skills catalogue: categories, skills, the slugs a skill had before, and typed relations.
create table skill_category (
    id          uuid primary key,
    slug        text not null unique,
    name        text not null,
    description text not null,
    position    integer not null
);

create table skill (
    id          uuid primary key,
    slug        text not null unique,
    name        text not null,
    summary     text not null,
    description text not null,
    level       text not null check (level in ('foundation', 'intermediate', 'advanced')),
    category_id uuid not null references skill_category (id),
    -- Bayesian Knowledge Tracing parameters; null means the defaults (prior 0.2, T 0.1, G 0.2, S 0.1)
    bkt_prior   double precision check (bkt_prior between 0 and 1),
    bkt_learn   double precision check (bkt_learn between 0 and 1),
    bkt_guess   double precision check (bkt_guess > 0 and bkt_guess < 1),
    bkt_slip    double precision check (bkt_slip > 0 and bkt_slip < 1),
    retired     boolean not null default false,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    version     bigint not null default 0
);
create index skill_category_idx on skill (category_id);

-- A renamed skill keeps answering at its old slugs.
create table skill_slug_alias (
    slug     text primary key,
    skill_id uuid not null references skill (id)
);

create table skill_relation (
    skill_id   uuid not null references skill (id),
    type       text not null check (type in ('requires', 'recommends', 'alternative-of', 'part-of')),
    target_id  uuid not null references skill (id),
    created_at timestamptz not null default now(),
    primary key (skill_id, type, target_id),
    check (skill_id <> target_id)
);
create index skill_relation_target_idx on skill_relation (target_id);

-- Each learner's demonstrated mastery per skill, from evidence (graded answers, lessons completed).
create table mastery (
    learner_id       text not null,
    skill_id         uuid not null references skill (id),
    probability      double precision not null check (probability between 0 and 1),
    observations     integer not null default 0,
    correct_answers  integer not null default 0,
    learning_steps   integer not null default 0,
    mastered_at      timestamptz,
    last_evidence_at timestamptz not null,
    primary key (learner_id, skill_id)
);

-- What a learner says about a skill; kept beside demonstrated mastery, never mixed into it.
create table self_reported_status (
    learner_id text not null,
    skill_id   uuid not null references skill (id),
    status     text not null check (status in ('done', 'learning', 'skipped')),
    updated_at timestamptz not null default now(),
    primary key (learner_id, skill_id)
);
