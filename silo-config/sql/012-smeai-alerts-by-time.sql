-- 012-smeai-alerts-by-time.sql
-- SmeAi.Orleans PostgreSQL schema, step 12: an index in the order GET /api/alerts reads (newest first, any
-- domain) and that retention deletes by (ts older than the cutoff). Without it both scanned and sorted the
-- whole table, which keeps up to 90 days of alerts; the (domain, ts) index of step 10 serves only one domain.
-- Idempotent; plain SQL (see 000-schema-version.sql for the conventions).

SELECT pg_advisory_xact_lock(1936549217);

CREATE INDEX IF NOT EXISTS ix_alerts_ts_alert_id ON alerts (ts DESC, alert_id DESC);

INSERT INTO smeai_schema_version (version, name) VALUES (12, 'smeai-alerts-by-time') ON CONFLICT (version) DO NOTHING;
