-- Per-execution event sequence numbers (1, 2, 3, ... without gaps): the resume token of progress
-- watchers, and how progress-svc notices an event the Redis fan-out lost. The global id keeps
-- its role as insertion order; seq is assigned under the execution's row lock, like the id.
ALTER TABLE execution_events ADD COLUMN seq bigint;
UPDATE execution_events e SET seq = n.seq
  FROM (SELECT id, row_number() OVER (PARTITION BY execution_id ORDER BY id) AS seq FROM execution_events) n
  WHERE e.id = n.id;
ALTER TABLE execution_events ALTER COLUMN seq SET NOT NULL;
DROP INDEX execution_events_by_execution;
CREATE UNIQUE INDEX execution_events_by_execution ON execution_events (execution_id, seq);
