-- 004-orleans-reminders.sql
-- SmeAi.Orleans PostgreSQL schema, step 4: reminders for UseAdoNetReminderService.
-- Keeps the Orleans ADO.NET reminders contract of Orleans 10.x (Orleans.Reminders.AdoNet):
-- query keys ReadReminderRowsKey, ReadReminderRowKey, ReadRangeRows1Key,
-- ReadRangeRows2Key, UpsertReminderRowKey, DeleteReminderRowKey, DeleteReminderRowsKey;
-- parameters @ServiceId, @GrainId, @ReminderName, @StartTime, @Period (milliseconds),
-- @GrainHash, @BeginHash, @EndHash, @Version; result columns GrainId, ReminderName,
-- StartTime, Period, Version.
--
-- Etag semantics: Version is the etag; a new reminder starts at 0 and every upsert of
-- the same (ServiceId, GrainId, ReminderName) adds one. Delete succeeds only with the
-- current version. Hashes are compared as signed integers, exactly as Orleans passes
-- them: range 1 is (Begin, End] when Begin < End, range 2 is the wrapped ring segment.
-- Idempotent; plain SQL (see 000-schema-version.sql for the conventions).

SELECT pg_advisory_xact_lock(1936549217);

CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    varchar(150) NOT NULL,
    GrainId      varchar(512) NOT NULL,
    ReminderName varchar(256) NOT NULL,
    StartTime    timestamptz  NOT NULL,
    Period       bigint       NOT NULL,
    GrainHash    integer      NOT NULL,
    Version      integer      NOT NULL,
    CONSTRAINT pk_orleansreminderstable PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

CREATE INDEX IF NOT EXISTS ix_orleansreminderstable_grainhash
    ON OrleansRemindersTable (ServiceId, GrainHash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('UpsertReminderRowKey', $q$
    INSERT INTO OrleansRemindersTable
        (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
    VALUES
        (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
       SET StartTime = EXCLUDED.StartTime,
           Period = EXCLUDED.Period,
           GrainHash = EXCLUDED.GrainHash,
           Version = OrleansRemindersTable.Version + 1
    RETURNING Version;
$q$),
('ReadReminderRowsKey', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
      FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId
       AND GrainId = @GrainId;
$q$),
('ReadReminderRowKey', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
      FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId
       AND GrainId = @GrainId
       AND ReminderName = @ReminderName;
$q$),
('ReadRangeRows1Key', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
      FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId
       AND GrainHash > @BeginHash
       AND GrainHash <= @EndHash;
$q$),
('ReadRangeRows2Key', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
      FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId
       AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
$q$),
('DeleteReminderRowKey', $q$
    WITH removed AS (
        DELETE FROM OrleansRemindersTable
         WHERE ServiceId = @ServiceId
           AND GrainId = @GrainId
           AND ReminderName = @ReminderName
           AND Version = @Version
        RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM removed) AS Deleted;
$q$),
('DeleteReminderRowsKey', $q$
    DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

INSERT INTO smeai_schema_version (version, name) VALUES (4, 'orleans-reminders') ON CONFLICT (version) DO NOTHING;
