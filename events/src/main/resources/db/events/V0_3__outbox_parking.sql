-- The outbox relay parks a row it cannot send (too large, an unknown or invalid topic, an envelope that does
-- not parse) after skillpath.events.relay.max-rejections tries, instead of retrying it for ever in front of
-- everything else (docs/events.md, "A row that cannot be sent").
-- Version 0.3 sorts before a service's own migrations, which an existing database has already applied:
-- the services run Flyway with out-of-order on, so it is applied there too.
alter table outbox add column rejections  integer     not null default 0;  -- tries the broker or the relay refused the row
alter table outbox add column next_try_at timestamptz;                     -- a rejected row waits until then (its key too)
alter table outbox add column parked_at   timestamptz;                     -- given up: kept, never sent, until requeued

-- the relay's queue: rows neither published nor parked, in order, and the same by key (a key waits behind its
-- rejected row)
drop index outbox_unpublished;
create index outbox_pending on outbox (seq) where published_at is null and parked_at is null;
create index outbox_pending_key on outbox (topic, event_key, seq) where published_at is null and parked_at is null;
-- cleanup deletes published rows oldest first, a bounded number per pass
create index outbox_published on outbox (published_at) where published_at is not null;
create index outbox_parked on outbox (seq) where parked_at is not null;
