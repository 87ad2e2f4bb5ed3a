-- Append-only record of state-changing calls, written by every service when such a call ends.
CREATE TABLE auth.audit_log (
  id            bigserial PRIMARY KEY,
  at            timestamptz NOT NULL,
  tenant        text,
  actor_key_id  text NOT NULL,
  actor_name    text NOT NULL,
  method        text NOT NULL,
  targets       text[] NOT NULL DEFAULT '{}',
  outcome       text NOT NULL,
  service       text NOT NULL
);
CREATE INDEX audit_log_by_tenant_time ON auth.audit_log (tenant, at DESC);
CREATE INDEX audit_log_by_time ON auth.audit_log (at);
