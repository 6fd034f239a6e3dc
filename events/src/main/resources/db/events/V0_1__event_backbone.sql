-- The event backbone's tables, added to every service's database by its Flyway
-- (locations db/migration,db/events). Version 0.x runs before a service's own migrations.

-- Transactional outbox: a row is written in the same transaction as the state change it announces;
-- the relay publishes it to Kafka and marks it published.
create table outbox (
    seq          bigserial primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    event_key    text        not null,
    event_type   text        not null,
    envelope     text        not null,          -- the CloudEvent, structured JSON, exactly as sent
    created_at   timestamptz not null default now(),
    published_at timestamptz,
    attempts     integer     not null default 0,
    last_error   text
);
create index outbox_unpublished on outbox (seq) where published_at is null;

-- Idempotent consumption: an event's id is recorded in the same transaction as its effect.
create table processed_event (
    consumer_group text        not null,
    event_id       uuid        not null,
    event_type     text        not null,
    processed_at   timestamptz not null default now(),
    primary key (consumer_group, event_id)
);
