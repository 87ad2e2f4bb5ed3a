-- API keys of every service (schema auth, migrated by whichever service starts first; its own
-- Flyway history table so that it does not mix with a service's own migrations).
-- Secrets are never stored: only SHA-256 of the secret (256 random bits, so a slow hash buys
-- nothing). Every replica keeps the ring in memory and reloads it when auth.key_ring.version moves.
CREATE TABLE auth.api_keys (
  id                    text PRIMARY KEY,
  -- NULL for platform admin keys and platform-wide executor / ingest keys (Baton's own services)
  tenant                text,
  role                  text NOT NULL CHECK (role IN ('admin', 'operator', 'viewer', 'executor', 'ingest', 'platform-admin')),
  name                  text NOT NULL,
  secret_hash           bytea NOT NULL,
  -- the secret replaced by the last rotation, valid until previous_valid_until
  previous_secret_hash  bytea,
  previous_valid_until  timestamptz,
  created_at            timestamptz NOT NULL DEFAULT now(),
  created_by            text,
  last_used_at          timestamptz,
  expires_at            timestamptz,
  revoked_at            timestamptz,
  CHECK (tenant IS NOT NULL OR role IN ('platform-admin', 'executor', 'ingest')),
  CHECK (tenant IS NULL OR role <> 'platform-admin')
);
CREATE INDEX api_keys_by_tenant ON auth.api_keys (tenant, created_at DESC);

-- One row; bumped by every change that matters to verification (not by last_used_at).
CREATE TABLE auth.key_ring (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version   bigint NOT NULL
);
INSERT INTO auth.key_ring VALUES (true, 0);

CREATE FUNCTION auth.bump_key_ring() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE auth.key_ring SET version = version + 1;
  RETURN NULL;
END $$;

CREATE TRIGGER api_keys_changed
  AFTER INSERT OR DELETE OR UPDATE OF tenant, role, secret_hash, previous_secret_hash, previous_valid_until,
    expires_at, revoked_at
  ON auth.api_keys FOR EACH STATEMENT EXECUTE FUNCTION auth.bump_key_ring();
