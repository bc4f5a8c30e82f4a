-- 003-orleans-persistence.sql
-- SmeAi.Orleans PostgreSQL schema, step 3: grain state for AddAdoNetGrainStorage.
-- Keeps the Orleans ADO.NET grain storage contract of Orleans 10.x: query keys
-- WriteToStorageKey, ReadFromStorageKey, ClearStorageKey and DeleteStorageKey (the last
-- one is needed only with DeleteStateOnClear = true); parameters @GrainIdHash,
-- @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
-- @ServiceId, @GrainStateVersion, @PayloadBinary; result columns PayloadBinary and
-- Version (read), NewGrainStateVersion (write; clear and delete: first column).
--
-- Etag semantics: Version is the etag. A first write (@GrainStateVersion NULL) creates
-- version 1; every later write, clear or delete must quote the current version and
-- gets a new one back. A stale or missing version yields NULL or no row, which Orleans
-- turns into an InconsistentStateException. Clear keeps the row (payload NULL, version
-- bumped) so the etag stays monotonic; delete removes the row.
-- Unlike the reference layout, one grain has at most one row: a unique index (key
-- strings folded through md5 to keep index entries small) backs the first-write race.
-- Idempotent; plain SQL (see 000-schema-version.sql for the conventions).

SELECT pg_advisory_xact_lock(1936549217);

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainTypeString        text         NOT NULL,
    GrainIdExtensionString text         NULL,
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamptz  NOT NULL DEFAULT now(),
    Version                integer      NOT NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_orleansstorage_grain
    ON OrleansStorage (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, ServiceId,
                       md5(GrainTypeString),
                       (GrainIdExtensionString IS NULL),
                       md5(COALESCE(GrainIdExtensionString, '')));

-- Returns the new version, or NULL when the expected version does not match storage.
CREATE OR REPLACE FUNCTION orleans_storage_write(
    p_grain_id_hash    integer,
    p_grain_id_n0      bigint,
    p_grain_id_n1      bigint,
    p_grain_type_hash  integer,
    p_grain_type       text,
    p_grain_id_ext     text,
    p_service_id       text,
    p_expected_version integer,
    p_payload          bytea)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_new_version integer;
BEGIN
    IF p_expected_version IS NULL THEN
        -- First write of this grain: only one concurrent writer can create the row.
        INSERT INTO OrleansStorage
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
             GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
        VALUES
            (p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type_hash, p_grain_type,
             p_grain_id_ext, p_service_id, p_payload, now(), 1)
        ON CONFLICT DO NOTHING
        RETURNING Version INTO v_new_version;
    ELSE
        UPDATE OrleansStorage
           SET PayloadBinary = p_payload,
               ModifiedOn = now(),
               Version = Version + 1
         WHERE GrainIdHash = p_grain_id_hash
           AND GrainTypeHash = p_grain_type_hash
           AND GrainIdN0 = p_grain_id_n0
           AND GrainIdN1 = p_grain_id_n1
           AND ServiceId = p_service_id
           AND GrainTypeString = p_grain_type
           AND GrainIdExtensionString IS NOT DISTINCT FROM p_grain_id_ext
           AND Version = p_expected_version
        RETURNING Version INTO v_new_version;
    END IF;

    RETURN v_new_version;
END
$fn$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('WriteToStorageKey', $q$
    SELECT orleans_storage_write(
        @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
        @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary)
        AS NewGrainStateVersion;
$q$),
('ReadFromStorageKey', $q$
    SELECT PayloadBinary, Version
      FROM OrleansStorage
     WHERE GrainIdHash = @GrainIdHash
       AND GrainTypeHash = @GrainTypeHash
       AND GrainIdN0 = @GrainIdN0
       AND GrainIdN1 = @GrainIdN1
       AND ServiceId = @ServiceId
       AND GrainTypeString = @GrainTypeString
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString;
$q$),
('ClearStorageKey', $q$
    UPDATE OrleansStorage
       SET PayloadBinary = NULL,
           ModifiedOn = now(),
           Version = Version + 1
     WHERE GrainIdHash = @GrainIdHash
       AND GrainTypeHash = @GrainTypeHash
       AND GrainIdN0 = @GrainIdN0
       AND GrainIdN1 = @GrainIdN1
       AND ServiceId = @ServiceId
       AND GrainTypeString = @GrainTypeString
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
       AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;
$q$),
('DeleteStorageKey', $q$
    DELETE FROM OrleansStorage
     WHERE GrainIdHash = @GrainIdHash
       AND GrainTypeHash = @GrainTypeHash
       AND GrainIdN0 = @GrainIdN0
       AND GrainIdN1 = @GrainIdN1
       AND ServiceId = @ServiceId
       AND GrainTypeString = @GrainTypeString
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
       AND Version = @GrainStateVersion
    RETURNING Version + 1 AS NewGrainStateVersion;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

INSERT INTO smeai_schema_version (version, name) VALUES (3, 'orleans-persistence') ON CONFLICT (version) DO NOTHING;
