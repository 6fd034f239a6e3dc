-- Events a consumer group sent to the dead-letter topic, so that a redelivery of one is not applied behind the
-- events that followed it; a replay (docs/events.md, "Replaying dead letters") applies it and sets replayed_at.
create table dead_letter (
    consumer_group   text        not null,
    event_id         uuid        not null,
    event_type       text        not null,
    event_key        text,
    topic            text        not null,
    partition        integer     not null,
    record_offset    bigint      not null,
    reason           text        not null,
    dead_lettered_at timestamptz not null default now(),
    replayed_at      timestamptz,
    primary key (consumer_group, event_id)
);
