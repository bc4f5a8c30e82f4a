-- 010-smeai-alerts.sql
-- SmeAi.Orleans PostgreSQL schema, step 10: the alerts table behind GET /api/alerts.
-- One row per emitted alert (equipment failure, churn, security anomaly); payload holds
-- the full alert JSON as published on the output topic, the other columns are the
-- fields the API filters and sorts on. Not part of the Orleans ADO.NET contract; it
-- follows the same conventions as the Orleans scripts here.
-- Idempotent; plain SQL (see 000-schema-version.sql for the conventions).

SELECT pg_advisory_xact_lock(1936549217);

CREATE TABLE IF NOT EXISTS alerts
(
    id            bigserial        NOT NULL,
    domain        text             NOT NULL,
    entity_id     text             NOT NULL,
    ts            timestamptz      NOT NULL,
    score         double precision NOT NULL,
    severity      text             NOT NULL,
    model_name    text             NOT NULL,
    model_version integer          NOT NULL,
    payload       jsonb            NOT NULL,
    created_at    timestamptz      DEFAULT now(),
    CONSTRAINT pk_alerts PRIMARY KEY (id),
    CONSTRAINT ck_alerts_domain CHECK (domain IN ('equipment', 'churn', 'security'))
);

CREATE INDEX IF NOT EXISTS ix_alerts_domain_ts ON alerts (domain, ts DESC);
CREATE INDEX IF NOT EXISTS ix_alerts_entity_id ON alerts (entity_id);

INSERT INTO smeai_schema_version (version, name) VALUES (10, 'smeai-alerts') ON CONFLICT (version) DO NOTHING;
