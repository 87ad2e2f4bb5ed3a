-- What recovery rules (onError) did for a step: the rules applied and the handlers/providers tried
-- because of them (serialized baton.v1.StepRecovery). NULL while no rule applied.
ALTER TABLE step_states ADD COLUMN recovery bytea;
