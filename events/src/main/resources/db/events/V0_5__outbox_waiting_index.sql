-- The relay's queue leaves out the rows of a key whose earlier row waits after a rejection (next_try_at in the
-- future). Without an index for that test it read the whole outbox on every poll, published rows included (they are
-- kept 7 days): 63 ms at 46,000 rows, and the skills-service's consumer benchmark writes 5 rows per graded event.
-- Rows waiting to be tried again are few; this index holds only them.
create index outbox_waiting on outbox (topic, event_key, seq)
    where published_at is null and parked_at is null and next_try_at is not null;
