-- ListInterventions finds the steps waiting for a person without scanning every step of every
-- execution: few steps wait at any time, so the partial index stays tiny.
CREATE INDEX step_states_waiting ON step_states (execution_id) WHERE status = 'WAITING_FOR_INTERVENTION';
