-- The spread of learners' general ability a fit found (null for fits before it was kept: the default applies).
alter table model_fit add column ability_spread double precision check (ability_spread > 0);
