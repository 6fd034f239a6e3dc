-- The question bank: a question keeps a stable id; its content lives in versions. A version that an attempt
-- was given is never changed again (editing it makes the next version), so old attempts never change.
create table question (
    id              uuid primary key,
    current_version integer     not null check (current_version >= 1),
    created_by      text        not null,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    version         bigint      not null default 0
);

create table question_version (
    id               uuid primary key,
    question_id      uuid             not null references question (id),
    version          integer          not null check (version >= 1),
    type             text             not null check (type in ('single_choice', 'multiple_choice', 'true_false',
                                                              'short_text', 'numeric', 'ordering')),
    prompt           text             not null,
    points           double precision not null check (points > 0),
    skill_ids        uuid[]           not null,
    -- type-specific content: options (with correct flags and feedback), accepted answers, value and tolerance
    body             jsonb            not null,
    general_feedback text,
    created_by       text             not null,
    created_at       timestamptz      not null default now(),
    unique (question_id, version)
);
create index question_version_skills_idx on question_version using gin (skill_ids);

-- A quiz: a fixed list of questions (quiz_question) or draw_count questions drawn from draw_skill_id's pool.
create table quiz (
    id                 uuid primary key,
    title              text             not null,
    description        text,
    skill_ids          uuid[]           not null,
    status             text             not null check (status in ('draft', 'published', 'retired')),
    draw_skill_id      uuid,
    draw_count         integer check (draw_count between 1 and 100),
    pass_mark          double precision not null check (pass_mark between 0 and 100),
    time_limit_seconds integer check (time_limit_seconds > 0),
    max_attempts       integer check (max_attempts > 0),
    shuffle_questions  boolean          not null default false,
    shuffle_options    boolean          not null default false,
    grading_method     text             not null check (grading_method in ('highest', 'last', 'first', 'average')),
    review_policy      text             not null check (review_policy in ('never', 'after_submit', 'after_last_attempt')),
    created_by         text             not null,
    created_at         timestamptz      not null default now(),
    updated_at         timestamptz      not null default now(),
    published_at       timestamptz,
    version            bigint           not null default 0,
    check ((draw_skill_id is null) = (draw_count is null))
);
create index quiz_status_idx on quiz (status);
create index quiz_skills_idx on quiz using gin (skill_ids);

create table quiz_question (
    id          uuid primary key,
    quiz_id     uuid    not null references quiz (id),
    position    integer not null,
    question_id uuid    not null references question (id),
    unique (quiz_id, position),
    unique (quiz_id, question_id)
);

-- A learner's attempt. The questions it was given (the exact versions, the option order) and the pass mark are
-- fixed at the start, so a later edit of the quiz or its questions never changes it.
create table attempt (
    id             uuid primary key,
    quiz_id        uuid             not null references quiz (id),
    learner_id     text             not null,
    number         integer          not null check (number >= 1),
    status         text             not null check (status in ('in_progress', 'graded')),
    started_at     timestamptz      not null,
    deadline       timestamptz,
    submitted_at   timestamptz,
    graded_at      timestamptz,
    auto_submitted boolean          not null default false,
    max_score      double precision not null,
    pass_mark      double precision not null,
    score          double precision,
    passed         boolean,
    version        bigint           not null default 0,
    unique (quiz_id, learner_id, number)
);
create index attempt_learner_idx on attempt (learner_id, started_at desc);
create index attempt_open_deadline_idx on attempt (deadline) where status = 'in_progress';

create table attempt_question (
    id                  uuid primary key,
    attempt_id          uuid    not null references attempt (id),
    position            integer not null,
    question_id         uuid    not null references question (id),
    question_version_id uuid    not null references question_version (id),
    -- the order the options were shown in (ids), when the question has options
    option_order        jsonb,
    answer              jsonb,
    answered_at         timestamptz,
    credit              double precision check (credit between 0 and 1),
    score               double precision,
    unique (attempt_id, position),
    unique (attempt_id, question_id)
);
create index attempt_question_version_idx on attempt_question (question_version_id);
