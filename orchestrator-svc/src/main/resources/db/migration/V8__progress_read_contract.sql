-- The read contract of progress-svc: everything it reads from the orchestrator's database, as the
-- views of schema progress_read. progress-svc reads these views and nothing else; the orchestrator
-- may change its tables as it likes as long as the views keep their columns, types and meaning
-- (a migration that cannot keep them changes progress-svc in the same change).
-- ProgressReadContractIT (dev) runs progress-svc's own queries against freshly migrated views as a
-- role that may read nothing but this schema, and checks that every column is documented here.
-- A deployment can give progress-svc such a role:
--   GRANT USAGE ON SCHEMA progress_read TO <role>; GRANT SELECT ON ALL TABLES IN SCHEMA progress_read TO <role>;
-- Each view selects from one table without conditions: PostgreSQL inlines it into the query, so
-- progress-svc's reads use the tables' indexes as they did before the views.
-- (V8, not V7: V7 is left to the typed-events branch, which may change execution_events first.)

CREATE SCHEMA progress_read;
COMMENT ON SCHEMA progress_read IS
  'The rows progress-svc reads (its read contract with the orchestrator, which owns the tables behind these views).';

CREATE VIEW progress_read.executions AS
  SELECT id, tenant_id, workflow_name, workflow_version, status, parent_execution_id, error, created_at, finished_at
    FROM executions;
COMMENT ON VIEW progress_read.executions IS 'One row per execution, top-level or child.';
COMMENT ON COLUMN progress_read.executions.id IS 'The execution id (ExecutionEvent.execution_id).';
COMMENT ON COLUMN progress_read.executions.tenant_id IS 'The tenant it belongs to; every read filters by it.';
COMMENT ON COLUMN progress_read.executions.workflow_name IS
  'The workflow it runs; with tenant_id and workflow_version the key of progress_read.workflow_versions.';
COMMENT ON COLUMN progress_read.executions.workflow_version IS 'The version of that workflow it runs (>= 1).';
COMMENT ON COLUMN progress_read.executions.status IS
  'baton.v1.ExecutionStatus without the EXECUTION_STATUS_ prefix: RUNNING, WAITING_FOR_INTERVENTION, PAUSED, '
  'SUCCEEDED, FAILED, CANCELLED. Changes in the same transaction as the event that says so.';
COMMENT ON COLUMN progress_read.executions.parent_execution_id IS
  'The execution whose workflow step started this one; NULL for a top-level execution.';
COMMENT ON COLUMN progress_read.executions.error IS
  'Why a FAILED or CANCELLED execution ended, a serialized baton.v1.StepError; NULL otherwise.';
COMMENT ON COLUMN progress_read.executions.created_at IS 'When it was started.';
COMMENT ON COLUMN progress_read.executions.finished_at IS
  'When it ended; NULL while it has not (also again after a person re-runs a FAILED execution).';

CREATE VIEW progress_read.workflow_versions AS
  SELECT tenant_id, name, version, definition
    FROM workflow_versions;
COMMENT ON VIEW progress_read.workflow_versions IS 'Every version of every workflow; a version never changes.';
COMMENT ON COLUMN progress_read.workflow_versions.tenant_id IS 'The tenant the workflow belongs to.';
COMMENT ON COLUMN progress_read.workflow_versions.name IS 'The workflow name.';
COMMENT ON COLUMN progress_read.workflow_versions.version IS 'The version number, from 1.';
COMMENT ON COLUMN progress_read.workflow_versions.definition IS
  'The definition of this version, a serialized baton.v1.WorkflowDefinition (its steps and dependencies).';

CREATE VIEW progress_read.execution_events AS
  SELECT execution_id, seq, type, step_id, item_index, attempt, payload, created_at
    FROM execution_events;
COMMENT ON VIEW progress_read.execution_events IS
  'The event log: every state change of an execution, appended in the transaction that made it. '
  'The Redis stream carries copies of the same events (baton.v1.EventBatch); this log is the source.';
COMMENT ON COLUMN progress_read.execution_events.execution_id IS 'The execution the event is about.';
COMMENT ON COLUMN progress_read.execution_events.seq IS
  'Its sequence within the execution: 1, 2, 3, ... without gaps, in the order of commit (ExecutionEvent.sequence; '
  'the resume token of watchers). (execution_id, seq) is unique and indexed.';
COMMENT ON COLUMN progress_read.execution_events.type IS
  'What happened, as ExecutionEvent.type: EXECUTION_STARTED, STEP_STARTED, STEP_SUCCEEDED, ...';
COMMENT ON COLUMN progress_read.execution_events.step_id IS 'The step it is about; NULL for an event of the execution.';
COMMENT ON COLUMN progress_read.execution_events.item_index IS
  'The forEach element it is about (from 0); NULL when it is not about one element.';
COMMENT ON COLUMN progress_read.execution_events.attempt IS 'The attempt it is about (from 1); NULL when none.';
COMMENT ON COLUMN progress_read.execution_events.payload IS
  'The details of the event as a JSON object (ExecutionEvent.payload_json); NULL means {}.';
COMMENT ON COLUMN progress_read.execution_events.created_at IS 'When it was recorded (ExecutionEvent.time).';
