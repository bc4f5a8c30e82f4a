using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using SmeAi.Abstractions.Events.Validation;
using SmeAi.Abstractions.Outputs;

namespace SmeAi.Silo.Outputs;

/// <summary>
/// The PostgreSQL <c>alerts</c> table (silo-config/sql/010, 011): one row per raised alert, the full alert as JSON in
/// <c>payload</c>; a replayed raise with the same <see cref="Alert.AlertId"/> is ignored.
/// </summary>
internal sealed class PostgresAlertStore(NpgsqlDataSource dataSource) : IAlertStore
{
    private const string InsertSql = """
        INSERT INTO alerts (alert_id, domain, entity_id, ts, score, severity, model_name, model_version, payload)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        ON CONFLICT (alert_id) DO NOTHING
        """;

    public async Task AddAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        if (alerts.Count == 0)
        {
            return;
        }

        await using var batch = dataSource.CreateBatch();
        foreach (var alert in alerts)
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
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Alert>> QueryAsync(string? domain, DateTimeOffset? since, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT payload FROM alerts
            WHERE ($1::text IS NULL OR domain = $1) AND ($2::timestamptz IS NULL OR ts >= $2)
            ORDER BY ts DESC, alert_id DESC
            LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)domain ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = (object?)since?.ToUniversalTime() ?? DBNull.Value });
        command.Parameters.AddWithValue(limit);
        var alerts = new List<Alert>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (JsonSerializer.Deserialize<Alert>(reader.GetString(0), EventJson.Options) is { } alert)
            {
                alerts.Add(alert);
            }
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
}
