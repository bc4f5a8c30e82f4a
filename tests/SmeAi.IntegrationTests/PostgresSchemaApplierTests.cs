using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SmeAi.Silo.Postgres;
using SmeAi.Testing;

namespace SmeAi.IntegrationTests;

public sealed class PostgresSchemaApplierTests
{
    private static readonly string SqlDirectory = Path.Combine(RepositoryPaths.Root, "silo-config", "sql");

    [Fact]
    public async Task Each_script_is_applied_once_and_recorded()
    {
        var database = await NewDatabaseAsync();

        var first = await Applier(database).ApplyAsync(CancellationToken.None);
        var second = await Applier(database).ApplyAsync(CancellationToken.None);

        Assert.Equal(SchemaScript.ReadAll(SqlDirectory).Select(s => s.Version), first.Select(s => s.Version));
        Assert.Empty(second);
        Assert.Equal(first.Select(s => s.Version), await ReadVersionsAsync(database));
    }

    [Fact]
    public async Task Two_silos_starting_together_apply_the_schema_once_without_error()
    {
        var database = await NewDatabaseAsync();

        var results = await Task.WhenAll(Applier(database).ApplyAsync(CancellationToken.None), Applier(database).ApplyAsync(CancellationToken.None));

        Assert.Equal(SchemaScript.ReadAll(SqlDirectory).Count, results.Sum(r => r.Count));
    }

    [Fact]
    public async Task The_orleans_tables_and_queries_and_the_alerts_table_exist_afterwards()
    {
        var database = await NewDatabaseAsync();
        await Applier(database).ApplyAsync(CancellationToken.None);

        await using var db = new NpgsqlConnection(database.ConnectionString);
        await db.OpenAsync();
        foreach (var table in new[] { "orleansquery", "orleansmembershiptable", "orleansmembershipversiontable", "orleansstorage", "orleansreminderstable", "alerts" })
        {
            await using var exists = new NpgsqlCommand($"SELECT to_regclass('{table}') IS NOT NULL", db);
            Assert.True(await exists.ExecuteScalarAsync() is true, $"table {table} is missing");
        }

        await using var keys = new NpgsqlCommand("SELECT querykey FROM orleansquery", db);
        var queryKeys = new List<string>();
        await using (var reader = await keys.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                queryKeys.Add(reader.GetString(0));
            }
        }

        Assert.Contains("UpdateIAmAlivetimeKey", queryKeys);
        Assert.Contains("WriteToStorageKey", queryKeys);
        Assert.Contains("UpsertReminderRowKey", queryKeys);
    }

    [Fact]
    public async Task The_alerts_list_and_retention_read_the_table_through_an_index_in_time_order()
    {
        var database = await NewDatabaseAsync();
        await Applier(database).ApplyAsync(CancellationToken.None);
        await using var db = new NpgsqlConnection(database.ConnectionString);
        await db.OpenAsync();

        // An empty table is cheapest to scan; without seq scans the planner shows whether an index serves these at all.
        await using (var noSeqScan = new NpgsqlCommand("SET enable_seqscan = off", db))
        {
            await noSeqScan.ExecuteNonQueryAsync();
        }

        Assert.Contains("ix_alerts_ts_alert_id", await PlanAsync(db, "SELECT payload FROM alerts ORDER BY ts DESC, alert_id DESC LIMIT 100"), StringComparison.Ordinal);
        Assert.Contains("ix_alerts_ts_alert_id", await PlanAsync(db, "DELETE FROM alerts WHERE ts < now() - interval '90 days'"), StringComparison.Ordinal);
    }

    private static async Task<string> PlanAsync(NpgsqlConnection db, string sql)
    {
        await using var explain = new NpgsqlCommand($"EXPLAIN {sql}", db);
        await using var reader = await explain.ExecuteReaderAsync();
        var plan = new System.Text.StringBuilder();
        while (await reader.ReadAsync())
        {
            plan.AppendLine(reader.GetString(0));
        }

        return plan.ToString();
    }

    private static async Task<NpgsqlConnectionStringBuilder> NewDatabaseAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        return new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync("schema"));
    }

    private static PostgresSchemaApplier Applier(NpgsqlConnectionStringBuilder database) =>
        new(database, SqlDirectory, NullLogger<PostgresSchemaApplier>.Instance);

    private static async Task<List<int>> ReadVersionsAsync(NpgsqlConnectionStringBuilder database)
    {
        await using var db = new NpgsqlConnection(database.ConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version FROM smeai_schema_version ORDER BY version", db);
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }
}
