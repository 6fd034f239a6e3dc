-- The emission's shared parameters a fit found: the compensation (the share of the way from guessing to knowing
-- each known tag of a question buys) and the effect of the learner's general ability on guess and slip. Null for
-- fits before they were kept: 0 applies (the pure noisy-AND those fits assumed).
alter table model_fit add column compensation double precision check (compensation >= 0 and compensation <= 0.9);
alter table model_fit add column ability_effect double precision check (ability_effect >= 0 and ability_effect <= 2);
