using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using SmeAi.Abstractions.Events.Validation;
using SmeAi.Abstractions.Outputs;

namespace SmeAi.Silo.Outputs;

/// <summary>
/// The PostgreSQL <c>alerts</c> table (silo-config/sql/010-013): one row per raised alert with the raise as JSON in
/// <c>payload</c>, and <c>cleared_at</c> once its clear came. A replayed raise or clear with the same
/// <see cref="Alert.AlertId"/> changes nothing.
/// </summary>
internal sealed class PostgresAlertStore(NpgsqlDataSource dataSource) : IAlertStore
{
    private const string InsertSql = """
        INSERT INTO alerts (alert_id, domain, entity_id, ts, score, severity, model_name, model_version, payload)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        ON CONFLICT (alert_id) DO NOTHING
        """;

    // Matches no row when the raise was never stored, or retention or an erasure removed it: nothing to clear, no error.
    private const string ClearSql = "UPDATE alerts SET cleared_at = $2 WHERE alert_id = $1 AND cleared_at IS NULL";

    private const string QuerySql = """
        SELECT payload, cleared_at FROM alerts
        WHERE ($1::text IS NULL OR domain = $1) AND ($2::timestamptz IS NULL OR ts >= $2)
        """;

    // The status condition is part of the text, not a parameter, so the planner can use the partial index of open alerts.
    private const string OrderSql = " ORDER BY ts DESC, alert_id DESC LIMIT $3";

    public async Task AddAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        await using var batch = dataSource.CreateBatch();
        foreach (var alert in alerts)
        {
            if (alert.Status == Alert.StatusOpen)
            {
                batch.BatchCommands.Add(Insert(alert));
            }
            else if (alert.Status == Alert.StatusCleared)
            {
                batch.BatchCommands.Add(Clear(alert));
            }
        }

        // One batch, in order: a raise and its clear in the same batch leave the row cleared.
        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task<IReadOnlyList<Alert>> QueryAsync(
        string? domain, DateTimeOffset? since, string? status, int limit, CancellationToken cancellationToken)
    {
        var statusSql = status switch
        {
            null => "",
            Alert.StatusOpen => " AND cleared_at IS NULL",
            Alert.StatusCleared => " AND cleared_at IS NOT NULL",
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "status is open, cleared or null"),
        };
        await using var command = dataSource.CreateCommand(QuerySql + statusSql + OrderSql);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)domain ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = (object?)since?.ToUniversalTime() ?? DBNull.Value });
        command.Parameters.AddWithValue(limit);
        var alerts = new List<Alert>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (JsonSerializer.Deserialize<Alert>(reader.GetString(0), EventJson.Options) is not { } raised)
            {
                continue;
            }

            alerts.Add(reader.IsDBNull(1)
                ? raised
                : raised with { Status = Alert.StatusCleared, ClearedAt = reader.GetFieldValue<DateTimeOffset>(1) });
        }

        return alerts;
    }

    public async Task<int> DeleteEntityAsync(string domain, string entityId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM alerts WHERE domain = $1 AND entity_id = $2");
        command.Parameters.AddWithValue(domain);
        command.Parameters.AddWithValue(entityId);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM alerts WHERE ts < $1");
        command.Parameters.AddWithValue(cutoff.ToUniversalTime());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Insert(Alert alert)
    {
        var command = new NpgsqlBatchCommand(InsertSql);
        command.Parameters.AddWithValue(alert.AlertId);
        command.Parameters.AddWithValue(alert.Domain);
        command.Parameters.AddWithValue(alert.EntityId);
        command.Parameters.AddWithValue(alert.Ts.ToUniversalTime());
        command.Parameters.AddWithValue(alert.Score);
        command.Parameters.AddWithValue(alert.Severity);
        command.Parameters.AddWithValue(alert.ModelName);
        command.Parameters.AddWithValue(alert.ModelVersion);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(alert, EventJson.Options) });
        return command;
    }

    private static NpgsqlBatchCommand Clear(Alert clear)
    {
        var command = new NpgsqlBatchCommand(ClearSql);
        command.Parameters.AddWithValue(clear.AlertId);
        command.Parameters.AddWithValue(clear.Ts.ToUniversalTime());
        return command;
    }
}
