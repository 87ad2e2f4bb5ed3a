-- Raw spans, take two: partitioned by end time, so that retention drops whole partitions instead of
-- deleting rows, and narrower, so that each span costs PostgreSQL less to write (analytics-svc/README.md,
-- "Storage"). Replaces the table of V1/V2; its rows are copied over.
--
-- * Partitioned by RANGE (end_time): a span is exported once it ended, so its end time follows its
--   arrival and new spans fill the newest partitions. analytics-svc (rollup.SpanPartitions) creates
--   the partitions ahead and drops those that ended more than BATON_ANALYTICS_RAW_RETENTION ago,
--   first moving the spans still needed (traces not rolled up yet) to the default partition.
-- * The key is (trace_id, span_id, end_time): a partitioned table's key must hold the partition
--   column. A retried export sends the same span with the same end time, so it is still stored once.
-- * The attributes rollups read are columns (outcome, item, backoff/queue/run ms); `attributes`
--   keeps only the others, and is null when there are none (most spans): parsing jsonb was a third
--   of PostgreSQL's work per span.
-- * Indexes: the key (trace lookups, duplicates), the window indexes the alert rules use (by end
--   time now, as their windows are, and by span name: a rule counts execution or attempt spans),
--   the pending execution spans the rollup claims. Gone: by
--   received_at (retention drops partitions; the default partition has its own) and by execution_id
--   (nothing looked spans up by it).

ALTER TABLE spans RENAME TO spans_v1;
ALTER TABLE spans_v1 RENAME CONSTRAINT spans_pkey TO spans_v1_pkey;
DROP INDEX spans_by_workflow;
DROP INDEX spans_by_dependency;
DROP INDEX spans_by_received;
DROP INDEX spans_pending_executions;
DROP INDEX spans_by_execution;

CREATE TABLE spans (
  trace_id         bytea       NOT NULL,  -- 16 bytes
  span_id          bytea       NOT NULL,  -- 8 bytes
  parent_span_id   bytea,                 -- null for a root span
  service          text        NOT NULL,  -- resource service.name ('unknown_service' when absent)
  name             text        NOT NULL,
  kind             smallint    NOT NULL,  -- OTLP SpanKind number
  start_time       timestamptz NOT NULL,
  end_time         timestamptz NOT NULL,
  duration_ns      bigint      NOT NULL,  -- exact (timestamptz keeps microseconds)
  status_code      smallint    NOT NULL,  -- OTLP StatusCode: 0 unset, 1 ok, 2 error
  status_message   text,
  tenant           text,                  -- baton.tenant
  workflow         text,                  -- baton.workflow
  workflow_version integer,               -- baton.workflow.version
  execution_id     text,                  -- baton.execution_id
  step             text,                  -- baton.step
  attempt          integer,               -- baton.attempt
  item             integer,               -- baton.item (forEach element)
  outcome          text,                  -- baton.outcome
  backoff_ms       bigint,                -- baton.backoff_ms
  queue_ms         bigint,                -- baton.queue_ms
  run_ms           bigint,                -- baton.run_ms
  server_address   text,                  -- server.address (external dependency of client spans)
  attributes       jsonb,                 -- the other attributes, OTLP values as JSON; null when none
  received_at      timestamptz NOT NULL DEFAULT now(),
  rolled_up_at     timestamptz,           -- execution spans: when rolled up
  PRIMARY KEY (trace_id, span_id, end_time)
) PARTITION BY RANGE (end_time);

-- alert rules: a tenant's workflow's execution (or attempt) spans that ended in a window; a host's client spans
CREATE INDEX spans_by_workflow ON spans (tenant, workflow, name, end_time) WHERE workflow IS NOT NULL;
CREATE INDEX spans_by_dependency ON spans (server_address, end_time) WHERE server_address IS NOT NULL;
-- the rollup job claims execution spans not rolled up yet, oldest first
CREATE INDEX spans_pending_executions ON spans (received_at) WHERE name = 'baton.execution' AND rolled_up_at IS NULL;

-- Spans no time partition covers: those still needed when their partition was dropped, late ones
-- (ended before the oldest partition) and ones from a clock far ahead. Rows are deleted here, as
-- before partitioning: rolled-up traces after the raw retention, others after the orphan retention.
CREATE TABLE spans_default PARTITION OF spans DEFAULT;
CREATE INDEX spans_default_by_received ON spans_default (received_at);

-- the copied rows land in the default partition; analytics-svc moves those its time partitions cover
-- into them when it creates them
INSERT INTO spans (trace_id, span_id, parent_span_id, service, name, kind, start_time, end_time, duration_ns,
    status_code, status_message, tenant, workflow, workflow_version, execution_id, step, attempt, item, outcome,
    backoff_ms, queue_ms, run_ms, server_address, attributes, received_at, rolled_up_at)
SELECT trace_id, span_id, parent_span_id, service, name, kind, start_time, end_time, duration_ns, status_code,
    status_message, tenant, workflow, workflow_version, execution_id, step, attempt, item, outcome, backoff_ms,
    queue_ms, run_ms, server_address,
    -- an attribute leaves `attributes` only when its column holds it (as analytics-svc does now)
    nullif(attributes - array_remove(ARRAY[
        CASE WHEN tenant IS NOT NULL THEN 'baton.tenant' END,
        CASE WHEN workflow IS NOT NULL THEN 'baton.workflow' END,
        CASE WHEN workflow_version IS NOT NULL THEN 'baton.workflow.version' END,
        CASE WHEN execution_id IS NOT NULL THEN 'baton.execution_id' END,
        CASE WHEN step IS NOT NULL THEN 'baton.step' END,
        CASE WHEN attempt IS NOT NULL THEN 'baton.attempt' END,
        CASE WHEN item IS NOT NULL THEN 'baton.item' END,
        CASE WHEN outcome IS NOT NULL THEN 'baton.outcome' END,
        CASE WHEN backoff_ms IS NOT NULL THEN 'baton.backoff_ms' END,
        CASE WHEN queue_ms IS NOT NULL THEN 'baton.queue_ms' END,
        CASE WHEN run_ms IS NOT NULL THEN 'baton.run_ms' END,
        CASE WHEN server_address IS NOT NULL THEN 'server.address' END], NULL), '{}'::jsonb),
    received_at, rolled_up_at
FROM (SELECT old.*,
    CASE WHEN attributes->>'baton.item' ~ '^ *-?[0-9]{1,9} *$' THEN trim(attributes->>'baton.item')::integer END
      AS item,
    CASE WHEN jsonb_typeof(attributes->'baton.outcome') IN ('string', 'number', 'boolean')
      THEN attributes->>'baton.outcome' END AS outcome,
    CASE WHEN attributes->>'baton.backoff_ms' ~ '^ *-?[0-9]{1,18} *$' THEN trim(attributes->>'baton.backoff_ms')::bigint END
      AS backoff_ms,
    CASE WHEN attributes->>'baton.queue_ms' ~ '^ *-?[0-9]{1,18} *$' THEN trim(attributes->>'baton.queue_ms')::bigint END
      AS queue_ms,
    CASE WHEN attributes->>'baton.run_ms' ~ '^ *-?[0-9]{1,18} *$' THEN trim(attributes->>'baton.run_ms')::bigint END
      AS run_ms
  FROM spans_v1 old) v;

DROP TABLE spans_v1;
