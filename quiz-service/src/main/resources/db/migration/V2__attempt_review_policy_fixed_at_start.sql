-- The review policy an attempt runs under is fixed when it starts, like its questions, versions, pass mark and
-- deadline (start + the time limit then): an author who changes a published quiz changes the attempts started
-- afterwards, never one that exists (a review promised at the start is shown, one ruled out stays hidden).
alter table attempt add column review_policy text;

-- attempts from before: their quiz's policy now, the best record there is
update attempt a set review_policy = q.review_policy from quiz q where q.id = a.quiz_id;

alter table attempt alter column review_policy set not null;
alter table attempt add constraint attempt_review_policy_check
    check (review_policy in ('never', 'after_submit', 'after_last_attempt'));
