-- 000-schema-version.sql
-- SmeAi.Orleans PostgreSQL schema, step 0: the ledger of applied scripts.
-- Every script in this folder ends by recording itself in smeai_schema_version, so
-- operators (and the silo) can see what is installed. Apply the files in name order.
--
-- Conventions shared by every script in this folder (written by the SmeAi team; the
-- Orleans scripts were read only to learn the ADO.NET provider contract):
--   * idempotent: re-running a file never fails and never drops or rewrites data;
--   * plain SQL: no psql meta-commands and no BEGIN/COMMIT, so a file runs unchanged
--     with  psql -v ON_ERROR_STOP=1 -f FILE  and as ONE multi-statement Npgsql command
--     inside the transaction of the caller;
--   * the advisory lock below serialises concurrent appliers (two silos starting at
--     once) until their transaction ends; under psql autocommit it is a no-op.

SELECT pg_advisory_xact_lock(1936549217);

CREATE TABLE IF NOT EXISTS smeai_schema_version
(
    version    integer     NOT NULL,
    name       text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_smeai_schema_version PRIMARY KEY (version)
);

INSERT INTO smeai_schema_version (version, name) VALUES (0, 'schema-version') ON CONFLICT (version) DO NOTHING;
