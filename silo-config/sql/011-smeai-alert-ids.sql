-- 011-smeai-alert-ids.sql
-- SmeAi.Orleans PostgreSQL schema, step 11: a stable id per alert. Delivery is at least once, so a
-- silo that replays an un-checkpointed tail may raise the same alert again; its id (derived from
-- domain, entity and raise time) is the same, and the unique index lets the insert ignore it.
-- Idempotent; plain SQL (see 000-schema-version.sql for the conventions).

SELECT pg_advisory_xact_lock(1936549217);

ALTER TABLE alerts ADD COLUMN IF NOT EXISTS alert_id text;
CREATE UNIQUE INDEX IF NOT EXISTS ux_alerts_alert_id ON alerts (alert_id);

INSERT INTO smeai_schema_version (version, name) VALUES (11, 'smeai-alert-ids') ON CONFLICT (version) DO NOTHING;
