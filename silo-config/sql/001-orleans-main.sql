-- 001-orleans-main.sql
-- SmeAi.Orleans PostgreSQL schema, step 1: the OrleansQuery catalogue.
-- Keeps the Orleans ADO.NET provider contract (Orleans 10.x): every provider (clustering,
-- grain storage, reminders) runs  SELECT QueryKey, QueryText FROM OrleansQuery  at start
-- and then issues only those query texts, binding parameters by name (@Name). The files
-- 002..004 fill the catalogue; their texts are our own SQL.
-- Idempotent; plain SQL (see 000-schema-version.sql for the conventions).

SELECT pg_advisory_xact_lock(1936549217);

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT pk_orleansquery PRIMARY KEY (QueryKey)
);

INSERT INTO smeai_schema_version (version, name) VALUES (1, 'orleans-main') ON CONFLICT (version) DO NOTHING;
