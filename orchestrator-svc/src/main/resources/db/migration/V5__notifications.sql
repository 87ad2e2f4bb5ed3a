-- Admin notifications: where they go (channels), what happened (the notifications outbox, written
-- in the transaction of the event that caused it) and every delivery to a channel (the delivery log).

-- Webhooks of a tenant, optionally for one workflow and some kinds only.
CREATE TABLE notification_channels (
  tenant_id     text        NOT NULL,
  name          text        NOT NULL,
  url           text        NOT NULL,
  -- HMAC-SHA256 key of the X-Baton-Signature header (stored as given for now: encryption of secrets
  -- at rest comes with the security work)
  secret        text        NOT NULL,
  workflow_name text        NOT NULL DEFAULT '',   -- '' = every workflow (and notifications of no workflow)
  kinds         text[]      NOT NULL DEFAULT '{}', -- empty = every kind
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, name)
);

-- The outbox. `cause` names what raised it ('event:<execution_events.id>', 'circuit:<tenant>:<provider>:<opened ms>'):
-- one cause never yields two notifications. `kind` is decided when it is fanned out to channels
-- (NULL when it turned out to concern nobody, e.g. STEP_FAILED of a step that is not critical).
CREATE TABLE notifications (
  id            bigserial   PRIMARY KEY,
  tenant_id     text        NOT NULL,
  cause         text        NOT NULL UNIQUE,
  event_type    text        NOT NULL,
  kind          text,
  workflow_name text        NOT NULL DEFAULT '',
  workflow_version integer,
  execution_id  uuid,
  step_id       text,
  item_index    integer,
  attempt       integer,
  payload       jsonb       NOT NULL DEFAULT '{}',
  fanned_out    boolean     NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifications_to_fan_out ON notifications (id) WHERE NOT fanned_out;
CREATE INDEX notifications_by_execution ON notifications (execution_id, step_id) WHERE execution_id IS NOT NULL;

-- One row per (notification, channel): claimed with FOR UPDATE SKIP LOCKED, so that with several
-- orchestrator replicas each notification is sent to each channel by one of them.
CREATE TABLE notification_deliveries (
  notification_id bigint      NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
  tenant_id       text        NOT NULL,
  channel         text        NOT NULL,
  status          text        NOT NULL,   -- PENDING, SENDING (leased), DELIVERED, FAILED (attempts used up)
  attempts        integer     NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text,
  last_status     integer,
  delivered_at    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (notification_id, channel)
);
CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at) WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX notification_deliveries_by_tenant ON notification_deliveries (tenant_id, created_at DESC);

-- Copies a notifying execution event into the outbox, in the event's own transaction. Which event
-- types notify is decided by the trigger's WHEN list (R__notification_events.sql).
CREATE FUNCTION baton_enqueue_notification() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO notifications (tenant_id, cause, event_type, workflow_name, workflow_version, execution_id, step_id,
                             item_index, attempt, payload, created_at)
  SELECT NEW.tenant_id, 'event:' || NEW.id, NEW.type, e.workflow_name, e.workflow_version, NEW.execution_id,
         NEW.step_id, NEW.item_index, NEW.attempt, coalesce(NEW.payload, '{}'::jsonb), NEW.created_at
    FROM executions e WHERE e.id = NEW.execution_id
  ON CONFLICT (cause) DO NOTHING;
  RETURN NULL;
END $$;
