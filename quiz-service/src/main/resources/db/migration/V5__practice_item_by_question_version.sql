-- An edit of a question asks whether any learner was given its current version, in a quiz or in practice
-- (QuestionBank.update): a version given in practice is never changed in place. This index answers the practice half
-- without reading every practice item.
create index practice_item_version_idx on practice_item (question_version_id);
