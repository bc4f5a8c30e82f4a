using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using SmeAi.Silo.Postgres;

namespace SmeAi.Silo.Health;

/// <summary>
/// Readiness in PostgreSQL mode: the database of grain state, membership and alerts takes a connection and answers a
/// query within <see cref="Timeout"/>. Without it grains cannot write their state, so their outputs and offsets wait.
/// </summary>
internal sealed class PostgresHealthCheck(NpgsqlConnectionStringBuilder connection) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connection.ConnectionString)
    {
        Timeout = (int)Timeout.TotalSeconds,
        CommandTimeout = (int)Timeout.TotalSeconds,
    }.ConnectionString;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            await using var db = new NpgsqlConnection(_connectionString);
            await db.OpenAsync(deadline.Token);
            await using var query = new NpgsqlCommand("SELECT 1", db);
            await query.ExecuteScalarAsync(deadline.Token);
            return HealthCheckResult.Healthy($"{PostgresConnection.Describe(connection)} answers");
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"{PostgresConnection.Describe(connection)} did not answer: {ex.Message}");
        }
    }
}
