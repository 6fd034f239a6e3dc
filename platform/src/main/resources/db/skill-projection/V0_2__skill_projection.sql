-- A service's local view of the skills catalogue, kept current from skillpath.catalog events, so it can
-- check skill tags without calling skills-service. Added by the services that tag things with skills
-- (locations db/migration,db/events,db/skill-projection).
create table known_skill (
    id         uuid primary key,
    slug       text        not null,
    name       text        not null,
    retired    boolean     not null,
    updated_at timestamptz not null default now()
);
create index known_skill_slug_idx on known_skill (slug);
