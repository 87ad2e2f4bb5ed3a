-- Rollups: spans of finished executions aggregated per (tenant, workflow, version, step | host,
-- one-minute bucket of the execution's end). Written by RollupJob (dev.baton.analytics.rollup):
-- several replicas each claim a disjoint set of finished executions (FOR UPDATE SKIP LOCKED on
-- their execution span) and merge their deltas into these rows under a row lock, so nothing is
-- counted twice or lost. Sketches are t-digests (com.tdunning:t-digest 3.3, MergingDigest
-- small encoding) of milliseconds; they merge, so percentiles hold across buckets and replicas.

-- when an execution span was rolled up; its trace's raw spans are deleted some time after that
ALTER TABLE spans ADD COLUMN rolled_up_at timestamptz;
CREATE INDEX spans_pending_executions ON spans (received_at)
  WHERE name = 'baton.execution' AND rolled_up_at IS NULL;
CREATE INDEX spans_by_execution ON spans (execution_id) WHERE execution_id IS NOT NULL;

-- per execution: end-to-end duration and outcome
CREATE TABLE execution_rollups (
  tenant           text        NOT NULL,
  workflow         text        NOT NULL,
  workflow_version integer     NOT NULL,
  bucket           timestamptz NOT NULL,  -- minute of the execution's end
  executions       bigint      NOT NULL,
  failed           bigint      NOT NULL,  -- outcome failed or cancelled
  duration_ns      bigint      NOT NULL,  -- sum of end-to-end durations
  duration_sketch  bytea       NOT NULL,  -- end-to-end duration, ms
  PRIMARY KEY (tenant, workflow, workflow_version, bucket)
);

-- per step: attempts and where their time went, and the step's share of the critical path
CREATE TABLE step_rollups (
  tenant              text        NOT NULL,
  workflow            text        NOT NULL,
  workflow_version    integer     NOT NULL,
  step                text        NOT NULL,
  bucket              timestamptz NOT NULL,
  attempts            bigint      NOT NULL,  -- baton.attempt spans (redeliveries included)
  errors              bigint      NOT NULL,  -- attempts with status ERROR
  retries             bigint      NOT NULL,  -- attempts with baton.attempt > 1
  queue_ns            bigint      NOT NULL,  -- sums of baton.queue_ms / run_ms / backoff_ms
  run_ns              bigint      NOT NULL,
  backoff_ns          bigint      NOT NULL,
  critical_ns         bigint      NOT NULL,  -- time on the critical path of its executions
  critical_queue_ns   bigint      NOT NULL,  -- ... of which queue wait, run, retry backoff
  critical_run_ns     bigint      NOT NULL,
  critical_backoff_ns bigint      NOT NULL,
  duration_sketch     bytea       NOT NULL,  -- attempt duration (backoff + queue + run), ms
  queue_sketch        bytea       NOT NULL,  -- queue wait per attempt, ms
  PRIMARY KEY (tenant, workflow, workflow_version, step, bucket)
);

-- per external host called by a workflow's handlers (CLIENT spans with server.address)
CREATE TABLE dependency_rollups (
  tenant          text        NOT NULL,
  workflow        text        NOT NULL,
  server_address  text        NOT NULL,
  bucket          timestamptz NOT NULL,
  calls           bigint      NOT NULL,
  failures        bigint      NOT NULL,  -- status ERROR (4xx/5xx, no answer)
  latency_sketch  bytea       NOT NULL,  -- ms
  PRIMARY KEY (tenant, workflow, server_address, bucket)
);
