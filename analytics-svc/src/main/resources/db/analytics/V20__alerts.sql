-- Alert rules with their evaluation state, the history of firings and resolvings, and the webhook
-- delivery log. Evaluation claims a due rule with FOR UPDATE SKIP LOCKED and writes its new state, its
-- history event and the event's delivery in that one transaction: with several replicas a rule is
-- evaluated by one of them at a time and each transition is recorded (and delivered) once.
CREATE TABLE alert_rules (
  tenant               text             NOT NULL,
  name                 text             NOT NULL,
  kind                 text             NOT NULL,  -- AlertKind without its prefix, e.g. SUCCESS_RATE
  workflow             text             NOT NULL DEFAULT '',
  server_address       text             NOT NULL DEFAULT '',
  threshold            double precision NOT NULL,
  window_ms            bigint           NOT NULL,
  min_samples          integer          NOT NULL,
  for_evaluations      integer          NOT NULL,
  recover_evaluations  integer          NOT NULL,
  recovery_margin      double precision NOT NULL,
  baseline_windows     integer          NOT NULL,
  consecutive_failures integer          NOT NULL,
  webhook_url          text             NOT NULL DEFAULT '',
  -- HMAC-SHA256 key of the webhook signature (stored as given, like the orchestrator's channels)
  webhook_secret       text             NOT NULL DEFAULT '',
  -- evaluation state (AlertState without its prefix) and the streak of evaluations toward the next one
  state                text             NOT NULL DEFAULT 'OK',
  streak               integer          NOT NULL DEFAULT 0,
  last_value           double precision,
  last_samples         bigint           NOT NULL DEFAULT 0,
  evaluations          bigint           NOT NULL DEFAULT 0,
  last_evaluated_at    timestamptz,
  next_evaluation_at   timestamptz      NOT NULL DEFAULT '-infinity', -- due at once when created
  updated_at           timestamptz      NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant, name)
);
CREATE INDEX alert_rules_due ON alert_rules (next_evaluation_at);

CREATE TABLE alert_history (
  id             bigserial        PRIMARY KEY,
  tenant         text             NOT NULL,
  rule           text             NOT NULL,
  type           text             NOT NULL,  -- FIRING or RESOLVED
  kind           text             NOT NULL,
  workflow       text             NOT NULL,
  server_address text             NOT NULL,
  value          double precision NOT NULL,
  threshold      double precision NOT NULL,
  samples        bigint           NOT NULL,
  created_at     timestamptz      NOT NULL DEFAULT now()
);
CREATE INDEX alert_history_by_rule ON alert_history (tenant, rule, id);

-- One row per history event of a rule with a webhook; the URL and secret are those of the rule when
-- the event was recorded.
CREATE TABLE alert_deliveries (
  event_id        bigint      PRIMARY KEY REFERENCES alert_history (id) ON DELETE CASCADE,
  url             text        NOT NULL,
  secret          text        NOT NULL,
  body            text        NOT NULL,
  status          text        NOT NULL DEFAULT 'PENDING', -- PENDING, SENDING (leased), DELIVERED, FAILED
  attempts        integer     NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_status     integer,
  last_error      text,
  delivered_at    timestamptz
);
CREATE INDEX alert_deliveries_due ON alert_deliveries (next_attempt_at) WHERE status IN ('PENDING', 'SENDING');
