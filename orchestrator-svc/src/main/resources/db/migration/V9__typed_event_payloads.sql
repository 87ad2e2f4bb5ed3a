-- Execution events are typed (baton.v1.ExecutionEvent: a Type and one payload message per type).
-- The event log keeps its columns and the values already stored: `type` holds the Type's name as
-- before, `payload` the payload message's proto JSON, whose keys are the ones the log always had.
-- Only the read contract's descriptions change (they named ExecutionEvent.payload_json and
-- baton.v1.EventBatch, which are gone).
COMMENT ON VIEW progress_read.execution_events IS
  'The event log: every state change of an execution, appended in the transaction that made it. '
  'The Redis stream carries copies of the same events (baton.internal.v1.EventBatch); this log is the source.';
COMMENT ON COLUMN progress_read.execution_events.type IS
  'What happened: the name of a baton.v1.ExecutionEvent.Type (EXECUTION_STARTED, STEP_STARTED, STEP_SUCCEEDED, ...).';
COMMENT ON COLUMN progress_read.execution_events.payload IS
  'The details of the event: the proto JSON of the ExecutionEvent payload message of its type (STEP_STARTED: '
  'ExecutionEvent.StepStarted, e.g. {"itemsTotal": 3}); NULL means none. Read it with '
  'dev.baton.common.events.EventPayloads.';
