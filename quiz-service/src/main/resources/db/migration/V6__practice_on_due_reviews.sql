-- Practice on the due reviews (issue #16): the learner model publishes, with each skill's estimate, when a skill
-- mastered once is next due for review (skill.estimates.changed, reviewDueAt); a practice session can target the
-- reviews due, and ends when each was answered once.
alter table estimate_snapshot add column review_due jsonb not null default '{}'::jsonb; -- skill id -> due instant

alter table practice_session drop constraint practice_session_target_check;
alter table practice_session add constraint practice_session_target_check
    check (target in ('skill', 'frontier', 'reviews'));
alter table practice_session drop constraint practice_session_end_reason_check;
alter table practice_session add constraint practice_session_end_reason_check
    check (end_reason in ('target-mastered', 'reviews-done', 'question-limit', 'pool-exhausted', 'by-learner'));
