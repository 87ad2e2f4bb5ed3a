-- Dead letters (ListFailedExecutions, RetryFailedExecutions) filter FAILED executions by the code
-- of their last error. The error is a serialized baton.v1.StepError, which SQL cannot filter on,
-- so its code is kept beside it; ExecutionStore writes both together.
-- (V6, not V5: another branch takes V5.)
ALTER TABLE executions ADD COLUMN error_code text;

-- Backfill from the serialized errors already stored. Protobuf writes field 1 (code) first, as
-- tag byte 0x0A, its length as a varint (one byte below 128, two bytes up to 16383), then UTF-8.
UPDATE executions SET error_code = CASE
    WHEN get_byte(error, 1) < 128 THEN convert_from(substring(error FROM 3 FOR get_byte(error, 1)), 'UTF8')
    ELSE convert_from(substring(error FROM 4 FOR (get_byte(error, 1) & 127) | (get_byte(error, 2) << 7)), 'UTF8')
  END
  -- CASE, not AND: PostgreSQL may evaluate AND operands in any order, and get_byte fails past the end
  WHERE CASE WHEN length(error) >= 2 THEN get_byte(error, 0) = 10 ELSE false END;

-- Few executions are FAILED at a time: the partial index stays small and serves the listing
-- (newest failure first) and the bulk retry (oldest first) of one tenant, by failure time.
CREATE INDEX executions_failed ON executions (tenant_id, finished_at, id) WHERE status = 'FAILED';
