-- 013-smeai-alert-clears.sql
-- SmeAi.Orleans PostgreSQL schema, step 13: alerts record their clear. A clear carries the alert_id of its raise; it
-- sets cleared_at (the clear's event time) on that row, once, so GET /api/alerts can answer each alert's current status.
-- Rows stored before this step have no clear recorded and stay open until retention deletes them. The partial index
-- serves GET /api/alerts?status=open (newest first) without reading the cleared rows, which are most of the table.
-- Idempotent; plain SQL (see 000-schema-version.sql for the conventions).

SELECT pg_advisory_xact_lock(1936549217);

ALTER TABLE alerts ADD COLUMN IF NOT EXISTS cleared_at timestamptz NULL;
CREATE INDEX IF NOT EXISTS ix_alerts_open_ts_alert_id ON alerts (ts DESC, alert_id DESC) WHERE cleared_at IS NULL;

INSERT INTO smeai_schema_version (version, name) VALUES (13, 'smeai-alert-clears') ON CONFLICT (version) DO NOTHING;
