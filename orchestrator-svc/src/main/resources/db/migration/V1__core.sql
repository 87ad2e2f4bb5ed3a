-- Baton core schema. PostgreSQL is the source of truth; Redis only carries copies of queued work.
-- Every table is tenant-scoped (tenant_id) from the start; statuses are stored as the enum names
-- of the proto/Java enums so that an operator can read them in psql.

CREATE TABLE workflows (
  tenant_id      text        NOT NULL,
  name           text        NOT NULL,
  active_version integer     NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, name)
);

-- Immutable versions: rows are inserted, never updated.
CREATE TABLE workflow_versions (
  tenant_id   text        NOT NULL,
  name        text        NOT NULL,
  version     integer     NOT NULL,
  definition  bytea       NOT NULL,   -- serialized baton.v1.WorkflowDefinition
  source_text text,                   -- the YAML/JSON as applied, when applied as text
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, name, version)
);

CREATE TABLE executions (
  id                  uuid        PRIMARY KEY,
  tenant_id           text        NOT NULL,
  workflow_name       text        NOT NULL,
  workflow_version    integer     NOT NULL,
  status              text        NOT NULL,
  input               jsonb       NOT NULL,
  output              jsonb,
  error               bytea,      -- serialized baton.v1.StepError
  idempotency_key     text,
  parent_execution_id uuid,
  parent_task_id      uuid,
  traceparent         text        NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  finished_at         timestamptz
);
CREATE UNIQUE INDEX executions_idempotency ON executions (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX executions_by_tenant ON executions (tenant_id, created_at DESC, id);
CREATE INDEX executions_by_parent ON executions (parent_execution_id) WHERE parent_execution_id IS NOT NULL;

CREATE TABLE step_states (
  execution_id uuid        NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
  step_id      text        NOT NULL,
  status       text        NOT NULL,
  attempt      integer     NOT NULL DEFAULT 0,
  items        jsonb,      -- forEach: the evaluated list, fixed when the step starts
  items_total  integer     NOT NULL DEFAULT 0,
  items_started integer    NOT NULL DEFAULT 0,
  items_done   integer     NOT NULL DEFAULT 0,
  output       jsonb,
  error        bytea,
  started_at   timestamptz,
  finished_at  timestamptz,
  PRIMARY KEY (execution_id, step_id)
);

-- One row per attempt of a step (or of one forEach element). A task either runs on an executor
-- (kind HANDLER, dispatched through a Redis stream) or is a child execution (kind CHILD).
CREATE TABLE tasks (
  id                 uuid        PRIMARY KEY,
  execution_id       uuid        NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
  tenant_id          text        NOT NULL,
  step_id            text        NOT NULL,
  item_index         integer     NOT NULL,
  attempt            integer     NOT NULL,
  kind               text        NOT NULL,
  status             text        NOT NULL,
  task_queue         text        NOT NULL,
  payload            bytea,      -- serialized baton.v1.Task as dispatched
  child_execution_id uuid,
  due_at             timestamptz,   -- SCHEDULED: when the retry backoff ends
  lease_expires_at   timestamptz,   -- QUEUED/RUNNING: when the reconciler takes it back
  deliveries         integer     NOT NULL DEFAULT 0,
  output             jsonb,
  error              bytea,
  created_at         timestamptz NOT NULL DEFAULT now(),
  finished_at        timestamptz
);
CREATE INDEX tasks_by_execution ON tasks (execution_id, step_id);
CREATE INDEX tasks_due ON tasks (due_at) WHERE status = 'SCHEDULED';
CREATE INDEX tasks_lease ON tasks (lease_expires_at) WHERE status IN ('QUEUED', 'RUNNING') AND kind = 'HANDLER';
CREATE INDEX tasks_children ON tasks (child_execution_id) WHERE status = 'RUNNING' AND kind = 'CHILD';

-- Append-only log of every state change of an execution: the audit trail and the source of progress.
CREATE TABLE execution_events (
  id           bigserial   PRIMARY KEY,
  execution_id uuid        NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
  tenant_id    text        NOT NULL,
  type         text        NOT NULL,
  step_id      text,
  item_index   integer,
  attempt      integer,
  payload      jsonb,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX execution_events_by_execution ON execution_events (execution_id, id);

-- Which handlers executors have announced on which task queue (validation of definitions).
CREATE TABLE executor_handlers (
  task_queue   text        NOT NULL,
  handler      text        NOT NULL,
  executor_id  text        NOT NULL,
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (task_queue, handler)
);
