create table note (
    id   uuid primary key,
    body text not null
);

-- no key on event_id: a second apply of the same event would show as a second row
create table applied_note (
    seq        bigserial,
    event_id   uuid not null,
    body       text not null,
    trace_id   text,
    applied_at timestamptz not null default now()
);
create index applied_note_event on applied_note (event_id);

-- one row that a test locks, so that the handler's update of it fails on a real lock timeout
create table contended (
    id integer primary key,
    n  integer not null
);
insert into contended values (1, 0);
