using Microsoft.Extensions.Logging;
using Npgsql;
using SmeAi.Silo.Hosting;

namespace SmeAi.Silo.Postgres;

/// <summary>
/// Applies <c>silo-config/sql/NNN-name.sql</c> in order, each once, recorded in <c>smeai_schema_version</c>.
/// Each script is idempotent and records its own version, so applying them by hand with
/// <c>psql -f</c> leaves the database in the same state. An advisory lock keeps two silos that
/// start together from applying the same script at once.
/// </summary>
internal sealed partial class PostgresSchemaApplier(NpgsqlConnectionStringBuilder connection, string sqlDirectory, ILogger<PostgresSchemaApplier> logger)
{
    // Any fixed number; all SmeAi silos agree on it.
    private const long SchemaLockKey = 0x5_3E_A1_5C_E3;

    private readonly string _databaseDescription = PostgresConnection.Describe(connection);

    public async Task<IReadOnlyList<SchemaScript>> ApplyAsync(CancellationToken cancellationToken)
    {
        var scripts = SchemaScript.ReadAll(sqlDirectory);
        await using var db = await OpenAsync(cancellationToken);
        await ExecuteAsync(db, $"SELECT pg_advisory_lock({SchemaLockKey})", cancellationToken);
        var newlyApplied = new List<SchemaScript>();
        try
        {
            var applied = await ReadAppliedVersionsAsync(db, cancellationToken);
            foreach (var script in scripts.Where(s => !applied.Contains(s.Version)))
            {
                await ApplyScriptAsync(db, script, cancellationToken);
                newlyApplied.Add(script);
                LogScriptApplied(logger, script.FileName);
            }
        }
        finally
        {
            // A pooled connection keeps session locks until it is reused, so release explicitly.
            await ExecuteAsync(db, $"SELECT pg_advisory_unlock({SchemaLockKey})", CancellationToken.None);
        }

        LogSchemaCurrent(logger, _databaseDescription, scripts.Count, newlyApplied.Count);
        return newlyApplied;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var db = new NpgsqlConnection(connection.ConnectionString);
        try
        {
            await db.OpenAsync(cancellationToken);
            return db;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            await db.DisposeAsync();
            throw new SiloStartupException(
                $"{PostgresConnection.Setting}: cannot connect to PostgreSQL at {_databaseDescription}: {ex.Message}", ex);
        }
    }

    private static async Task<HashSet<int>> ReadAppliedVersionsAsync(NpgsqlConnection db, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand("SELECT to_regclass('smeai_schema_version') IS NOT NULL", db);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
        {
            return [];
        }

        await using var read = new NpgsqlCommand("SELECT version FROM smeai_schema_version", db);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        var versions = new HashSet<int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static async Task ApplyScriptAsync(NpgsqlConnection db, SchemaScript script, CancellationToken cancellationToken)
    {
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(script.ReadText(), db, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException ex)
        {
            throw new SiloStartupException(
                $"silo-config/sql/{script.FileName}: PostgreSQL refused the script ({ex.SqlState}: {ex.MessageText}); the database was left as it was before this script.", ex);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection db, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Applied schema script {FileName}")]
    private static partial void LogScriptApplied(ILogger logger, string fileName);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "PostgreSQL schema at {Database} is current: {ScriptCount} scripts, {AppliedCount} applied now")]
    private static partial void LogSchemaCurrent(ILogger logger, string database, int scriptCount, int appliedCount);
}
