-- Raw spans received over OTLP (analytics-svc's own schema; nothing else writes here).
-- One row per span. The baton.* attributes that rollups group by are promoted to columns;
-- everything else stays in `attributes`. Rollups and reports are built from these rows and
-- raw rows are deleted after a retention period (received_at).
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
  server_address   text,                  -- server.address (external dependency of client spans)
  attributes       jsonb       NOT NULL,  -- every span attribute, OTLP values as JSON
  received_at      timestamptz NOT NULL DEFAULT now(),
  -- an exporter that retries a batch sends the same spans again: stored once
  PRIMARY KEY (trace_id, span_id)
);
CREATE INDEX spans_by_workflow ON spans (workflow, start_time) WHERE workflow IS NOT NULL;
CREATE INDEX spans_by_dependency ON spans (server_address, start_time) WHERE server_address IS NOT NULL;
CREATE INDEX spans_by_received ON spans (received_at);
