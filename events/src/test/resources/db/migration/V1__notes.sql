create table note (
    id   uuid primary key,
    body text not null
);

create table applied_note (
    event_id   uuid primary key,
    body       text not null,
    trace_id   text,
    applied_at timestamptz not null default now()
);
