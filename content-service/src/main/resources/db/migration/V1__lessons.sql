-- Lessons: the working copy authors edit, the immutable versions learners read, and completions.
create extension if not exists pg_trgm;

create table lesson (
    id                uuid primary key,
    slug              text        not null unique,
    status            text        not null check (status in ('draft', 'published', 'retired')),
    -- the working copy: what authors edit; learners never see it until it is published
    title             text        not null,
    summary           text        not null,
    body              text        not null,
    level             text        not null check (level in ('foundation', 'intermediate', 'advanced')),
    estimated_minutes integer     not null check (estimated_minutes between 1 and 600),
    skill_ids         uuid[]      not null,
    -- the version learners read (null until the first publish) and whether the working copy differs from it
    published_version integer,
    unpublished_changes boolean   not null default true,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    version           bigint      not null default 0
);

create table lesson_version (
    lesson_id         uuid        not null references lesson (id),
    version           integer     not null,
    title             text        not null,
    summary           text        not null,
    body              text        not null,
    level             text        not null,
    estimated_minutes integer     not null,
    skill_ids         uuid[]      not null,
    published_at      timestamptz not null default now(),
    published_by      text        not null,
    -- full-text search, weighted: title (A) > summary (B) > body (C)
    search            tsvector generated always as (
                          setweight(to_tsvector('english', title), 'A')
                          || setweight(to_tsvector('english', summary), 'B')
                          || setweight(to_tsvector('english', body), 'C')) stored,
    primary key (lesson_id, version)
);
create index lesson_version_search_idx on lesson_version using gin (search);
create index lesson_skill_idx on lesson using gin (skill_ids);

-- Words of published lessons, for "did you mean": a misspelt query word is replaced by its nearest word here.
create table search_word (
    word text primary key
);
-- GiST, not GIN: it answers "nearest word" (order by word <-> w) from the index
create index search_word_trgm_idx on search_word using gist (word gist_trgm_ops);

create table lesson_completion (
    learner_id   text        not null,
    lesson_id    uuid        not null references lesson (id),
    version      integer     not null,
    completed_at timestamptz not null default now(),
    primary key (learner_id, lesson_id, version)
);
create index lesson_completion_learner_idx on lesson_completion (learner_id, completed_at desc);
