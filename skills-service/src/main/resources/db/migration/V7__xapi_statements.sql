-- Learning records as xAPI 1.0.3 statements (issue #16, docs/skills.md "Learning records (xAPI)"): a projection of
-- the progress topic by its own consumer group (skills-service.xapi). One row per statement; the statement itself is
-- kept whole as JSON (text as written, so an answer copies it out without re-encoding), the columns beside it are
-- what a query filters and pages by.
--
-- Paging is by keyset on (stored, sequence), never OFFSET: a page is one index range scan whatever its depth, which
-- is what GET /api/v1/xapi/statements?limit=100 needs to stay fast over a million rows. Every filter has an index
-- ending in (stored, sequence), so a filtered page is a range scan of that index too.
create table xapi_statement (
    -- the statement id: a name-based UUID of the event id and the statement's index within the event
    id           uuid        primary key,
    -- a total order among statements stored at the same instant (one event stores several at once)
    sequence     bigint      generated always as identity,
    event_id     uuid        not null,
    event_index  integer     not null check (event_index >= 0),
    event_type   text        not null,
    learner_id   text        not null,
    verb_id      text        not null,
    activity_id  text        not null,
    registration uuid,
    "timestamp"  timestamptz not null,
    stored       timestamptz not null,
    statement    json        not null,
    unique (event_id, event_index),
    unique (sequence)
);

-- an admin's unfiltered read, and the since/until range of any read
create index xapi_statement_stored_idx on xapi_statement (stored, sequence);
-- a learner's own statements, the common read
create index xapi_statement_learner_idx on xapi_statement (learner_id, stored, sequence);
create index xapi_statement_verb_idx on xapi_statement (verb_id, stored, sequence);
create index xapi_statement_activity_idx on xapi_statement (activity_id, stored, sequence);
create index xapi_statement_registration_idx on xapi_statement (registration, stored, sequence)
    where registration is not null;
