-- The execution event types (names of baton.v1.ExecutionEvent.Type, checked by
-- NotificationEventTypesTest) that raise admin notifications, one per line. Adding a type here is all
-- it takes: Flyway re-runs this file when it changes, and a type the orchestrator has no special
-- rule for is delivered with the event type as its kind. Special rules (NotificationKinds):
-- RECOVERY_APPLIED of an intervene rule notifies as STEP_WAITING_FOR_INTERVENTION; otherwise
-- STEP_FAILED and RECOVERY_APPLIED notify as STEP_RETRIES_EXHAUSTED, for steps marked critical only.
CREATE OR REPLACE TRIGGER execution_events_notify
  AFTER INSERT ON execution_events
  FOR EACH ROW
  WHEN (NEW.type IN (
    'EXECUTION_FAILED',
    'STEP_FAILED',
    'RECOVERY_APPLIED'
  ))
  EXECUTE FUNCTION baton_enqueue_notification();
