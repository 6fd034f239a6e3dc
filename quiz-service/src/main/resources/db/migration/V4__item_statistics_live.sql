-- Items measured live (issue #15): item statistics kept as running sums in the transaction that grades an
-- attempt, flags raised once per question version, and the learner model's fitted item parameters.

-- Whether the attempt's learner held the author or admin role when it started: their own attempts (trying out a
-- quiz) are left out of the statistics. Recorded at the start because the deadline sweep grades without a caller.
-- Attempts from before cannot tell, so they count, as they did.
alter table attempt add column by_author boolean not null default false;

-- Per quiz: the counted first attempts (a learner's attempt number 1, not by an author or admin), the sum of
-- their percentages and how many passed.
create table quiz_statistics (
    quiz_id        uuid primary key references quiz (id),
    attempts       integer not null check (attempts >= 0),
    sum_percentage numeric not null,
    passed         integer not null check (passed >= 0)
);

-- Per (quiz, question version): the sums over the counted first attempts that were given that version, enough
-- for the facility (sum_fraction / n) and Pearson's item–rest correlation, with x = the question's score and y =
-- the rest of the attempt's score. Values are numeric, each score rounded to 12 decimals, so the sums are exact
-- and a side that does not vary has a variance of exactly 0 however many attempts there are.
create table item_statistics (
    quiz_id             uuid        not null references quiz (id),
    question_version_id uuid        not null references question_version (id),
    question_id         uuid        not null references question (id),
    n                   integer     not null check (n >= 0),
    sum_fraction        numeric     not null,
    sum_x               numeric     not null,
    sum_xx              numeric     not null,
    sum_y               numeric     not null,
    sum_yy              numeric     not null,
    sum_xy              numeric     not null,
    -- when the first counted attempt was graded: the order of questions that are no longer on the quiz
    first_counted_at    timestamptz not null,
    primary key (quiz_id, question_version_id)
);
create index item_statistics_version_idx on item_statistics (question_version_id);

-- A question version flagged once, by the first quiz whose figures for it crossed a threshold with at least 30
-- counted first attempts; the figures are those of that grading. A new version of the question starts unflagged,
-- and this row stays as the old version's history.
create table question_flag (
    question_version_id uuid             primary key references question_version (id),
    question_id         uuid             not null references question (id),
    quiz_id             uuid             not null references quiz (id),
    reasons             text[]           not null,
    first_attempts      integer          not null,
    facility            double precision not null,
    discrimination      double precision,
    flagged_at          timestamptz      not null
);
create index question_flag_question_idx on question_flag (question_id);

-- The learner model's parameters per question version, projected from skills-service's
-- dev.skillpath.skill.model.item.fitted.v1 (newest fit only). No foreign key: a fit may name a version this
-- database does not hold (a question deleted in a test, a restored backup).
create table item_parameter (
    question_id      uuid             not null,
    question_version integer          not null,
    guess            double precision not null,
    slip             double precision not null,
    difficulty       double precision not null,
    answers          integer          not null,
    fit_id           bigint           not null,
    fitted_at        timestamptz      not null,
    updated_at       timestamptz      not null default now(),
    primary key (question_id, question_version)
);

-- Backfill from the graded first attempts that exist, so the figures are those of the recomputation before. It reads
-- every graded first attempt once (about 2.5 s per 100,000 attempts of 5 questions on a small machine, docs/quiz.md),
-- which may outlast the services' 5 s statement timeout: lifted for this migration's transaction only.
set local statement_timeout = 0;

-- The rounding is the service's (Attempts: 15 significant digits, then 12 decimals; percentages as
-- Attempt.percentage). The backfill statements are re-run by LiveItemStatisticsTest; keep them between the markers.
-- backfill:begin
insert into quiz_statistics (quiz_id, attempts, sum_percentage, passed)
select a.quiz_id, count(*),
       sum(round(case when a.max_score = 0 then 0
                      else floor(a.score / a.max_score * 10000 + 0.5) / 100 end::numeric, 12)),
       count(*) filter (where a.passed)
from attempt a
where a.number = 1 and a.status = 'graded' and not a.by_author
group by a.quiz_id;

insert into item_statistics (quiz_id, question_version_id, question_id, n, sum_fraction, sum_x, sum_xx, sum_y,
                             sum_yy, sum_xy, first_counted_at)
with given as (
    select a.quiz_id, a.id as attempt_id, a.graded_at, aq.question_id, aq.question_version_id,
           round(coalesce(aq.score, 0)::numeric, 12) as x,
           round((coalesce(aq.score, 0) / v.points)::numeric, 12) as fraction
    from attempt a
    join attempt_question aq on aq.attempt_id = a.id
    join question_version v on v.id = aq.question_version_id
    where a.number = 1 and a.status = 'graded' and not a.by_author
), scored as (
    select g.*, sum(g.x) over (partition by g.attempt_id) - g.x as y from given g
)
select quiz_id, question_version_id, question_id, count(*), sum(fraction), sum(x), sum(x * x), sum(y), sum(y * y),
       sum(x * y), min(graded_at)
from scored
group by quiz_id, question_version_id, question_id;
-- backfill:end
