-- 002-orleans-clustering.sql
-- SmeAi.Orleans PostgreSQL schema, step 2: cluster membership for UseAdoNetClustering.
-- Keeps the Orleans ADO.NET clustering contract of Orleans 10.x: the query keys below,
-- the parameter names Orleans binds (@DeploymentId is the ClusterId; @Address, @Port,
-- @Generation identify a silo) and the result columns it reads by name.
--
-- Concurrency model (the extended membership protocol):
--   * OrleansMembershipVersionTable holds one row per cluster; its Version is the etag of
--     the whole table. Every membership row read carries that table Version.
--   * InsertMembershipKey / UpdateMembershipKey get @Version = the version Orleans read.
--     They succeed only if it is still current, bump it by one and change the silo row,
--     all or nothing, and return a single boolean column.
--   * UpdateIAmAlivetimeKey is the heartbeat: it never bumps the version and never moves
--     IAmAliveTime backwards.
-- Idempotent; plain SQL (see 000-schema-version.sql for the conventions).

SELECT pg_advisory_xact_lock(1936549217);

CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150) NOT NULL,
    Timestamp    timestamptz  NOT NULL DEFAULT now(),
    Version      integer      NOT NULL DEFAULT 0,
    CONSTRAINT pk_orleansmembershipversiontable PRIMARY KEY (DeploymentId)
);

CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150) NOT NULL,
    Address      varchar(45)  NOT NULL,
    Port         integer      NOT NULL,
    Generation   integer      NOT NULL,
    SiloName     varchar(150) NOT NULL,
    HostName     varchar(150) NOT NULL,
    Status       integer      NOT NULL,
    ProxyPort    integer      NOT NULL DEFAULT 0,
    SuspectTimes text         NULL,
    StartTime    timestamptz  NOT NULL,
    IAmAliveTime timestamptz  NOT NULL,
    CONSTRAINT pk_orleansmembershiptable PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT fk_orleansmembershiptable_version FOREIGN KEY (DeploymentId)
        REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- Adds a silo row if the table version is still p_version. Returns false (and changes
-- nothing) when the version moved on or the silo row already exists.
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_silo_name       text,
    p_host_name       text,
    p_status          integer,
    p_proxy_port      integer,
    p_start_time      timestamptz,
    p_i_am_alive_time timestamptz,
    p_version         integer)
RETURNS boolean
LANGUAGE plpgsql
AS $fn$
BEGIN
    UPDATE OrleansMembershipVersionTable
       SET Version = Version + 1,
           Timestamp = now()
     WHERE DeploymentId = p_deployment_id
       AND Version = p_version
       AND Version < 2147483647;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName,
         Status, ProxyPort, StartTime, IAmAliveTime)
    VALUES
        (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name,
         p_status, COALESCE(p_proxy_port, 0), p_start_time, p_i_am_alive_time)
    ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING;
    IF NOT FOUND THEN
        -- Leaving the block through this error rolls back the version bump above.
        RAISE EXCEPTION 'membership row already exists' USING ERRCODE = 'SMA01';
    END IF;

    RETURN true;
EXCEPTION
    WHEN SQLSTATE 'SMA01' THEN
        RETURN false;
END
$fn$;

-- Changes status and suspicions of a silo row if the table version is still p_version.
-- Returns false (and changes nothing) when the version moved on or the row is missing.
CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_status          integer,
    p_suspect_times   text,
    p_i_am_alive_time timestamptz,
    p_version         integer)
RETURNS boolean
LANGUAGE plpgsql
AS $fn$
BEGIN
    UPDATE OrleansMembershipVersionTable
       SET Version = Version + 1,
           Timestamp = now()
     WHERE DeploymentId = p_deployment_id
       AND Version = p_version
       AND Version < 2147483647;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE OrleansMembershipTable
       SET Status = p_status,
           SuspectTimes = p_suspect_times,
           IAmAliveTime = GREATEST(IAmAliveTime, p_i_am_alive_time)
     WHERE DeploymentId = p_deployment_id
       AND Address = p_address
       AND Port = p_port
       AND Generation = p_generation;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'membership row not found' USING ERRCODE = 'SMA01';
    END IF;

    RETURN true;
EXCEPTION
    WHEN SQLSTATE 'SMA01' THEN
        RETURN false;
END
$fn$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', $q$
    WITH created AS (
        INSERT INTO OrleansMembershipVersionTable (DeploymentId)
        VALUES (@DeploymentId)
        ON CONFLICT (DeploymentId) DO NOTHING
        RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM created) AS Created;
$q$),
('InsertMembershipKey', $q$
    SELECT orleans_membership_insert(
        @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
        @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version) AS Succeeded;
$q$),
('UpdateMembershipKey', $q$
    SELECT orleans_membership_update(
        @DeploymentId, @Address, @Port, @Generation,
        @Status, @SuspectTimes, @IAmAliveTime, @Version) AS Succeeded;
$q$),
('UpdateIAmAlivetimeKey', $q$
    UPDATE OrleansMembershipTable
       SET IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
     WHERE DeploymentId = @DeploymentId
       AND Address = @Address
       AND Port = @Port
       AND Generation = @Generation;
$q$),
('MembershipReadRowKey', $q$
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName,
           m.Status, m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
      FROM OrleansMembershipVersionTable AS v
      LEFT JOIN OrleansMembershipTable AS m
        ON m.DeploymentId = v.DeploymentId
       AND m.Address = @Address
       AND m.Port = @Port
       AND m.Generation = @Generation
     WHERE v.DeploymentId = @DeploymentId;
$q$),
('MembershipReadAllKey', $q$
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName,
           m.Status, m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
      FROM OrleansMembershipVersionTable AS v
      LEFT JOIN OrleansMembershipTable AS m
        ON m.DeploymentId = v.DeploymentId
     WHERE v.DeploymentId = @DeploymentId;
$q$),
('GatewaysQueryKey', $q$
    SELECT Address, ProxyPort, Generation
      FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId
       AND Status = @Status
       AND ProxyPort > 0;
$q$),
('DeleteMembershipTableEntriesKey', $q$
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
$q$),
-- Bulk fallback, used by Orleans only when CleanupDefunctSiloEntryKey is absent:
-- drops Dead (6) rows whose start and last heartbeat are both before the cutoff and
-- that carry no suspicion votes.
('CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId
       AND Status = 6
       AND StartTime < @IAmAliveTime
       AND IAmAliveTime < @IAmAliveTime
       AND COALESCE(SuspectTimes, '') = '';
$q$),
-- Per-row cleanup (preferred by Orleans 10.x when present): Orleans has already decided
-- from a full read that the row is defunct and passes the values it saw; the row goes
-- only if it is still exactly that Dead row.
('CleanupDefunctSiloEntryKey', $q$
    DELETE FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId
       AND Address = @Address
       AND Port = @Port
       AND Generation = @Generation
       AND Status = 6
       AND StartTime = @StartTime
       AND IAmAliveTime = @IAmAliveTime
       AND COALESCE(SuspectTimes, '') = COALESCE(@SuspectTimes, '');
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

INSERT INTO smeai_schema_version (version, name) VALUES (2, 'orleans-clustering') ON CONFLICT (version) DO NOTHING;
