-- What search reads: one row per lesson learners can read (published, at its published version), kept by triggers
-- on both tables whatever the code path. Narrow on purpose: the ranking reads each candidate's tsvector, and here
-- it is not beside every superseded version and the texts (docs/benchmarks.md, "Search"). head is the title and
-- the summary alone (what ranks highest), with its own index: the lessons with the words there are ranked first.
create table lesson_search (
    lesson_id uuid primary key references lesson (id),
    version   integer  not null,
    skill_ids uuid[]   not null,
    search    tsvector not null,
    head      tsvector not null
);
create index lesson_search_idx on lesson_search using gin (search);
create index lesson_search_head_idx on lesson_search using gin (head);

create function refresh_lesson_search(lesson uuid) returns void language sql as $$
    delete from lesson_search where lesson_id = lesson;
    insert into lesson_search (lesson_id, version, skill_ids, search, head)
        select v.lesson_id, v.version, v.skill_ids, v.search, setweight(to_tsvector('english', v.title), 'A')
               || setweight(to_tsvector('english', v.summary), 'B')
        from lesson l join lesson_version v on v.lesson_id = l.id and v.version = l.published_version
        where l.id = lesson and l.status = 'published';
$$;

create function lesson_search_from_lesson() returns trigger language plpgsql as $$
begin
    perform refresh_lesson_search(new.id);
    return null;
end $$;

create function lesson_search_from_version() returns trigger language plpgsql as $$
begin
    perform refresh_lesson_search(new.lesson_id);
    return null;
end $$;

create trigger lesson_search_lesson after insert or update of status, published_version on lesson
    for each row execute function lesson_search_from_lesson();
create trigger lesson_search_version after insert on lesson_version
    for each row execute function lesson_search_from_version();

select refresh_lesson_search(id) from lesson where status = 'published';
