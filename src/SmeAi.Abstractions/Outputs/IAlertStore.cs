namespace SmeAi.Abstractions.Outputs;

/// <summary>Stored alerts behind <c>GET /api/alerts</c>: PostgreSQL in production, memory in embedded mode.</summary>
public interface IAlertStore
{
    /// <summary>Stores alerts; an alert whose <see cref="Alert.AlertId"/> is already stored is ignored.</summary>
    Task AddAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken);

    /// <summary>Alerts newest first (by event time), optionally of one domain and at or after <paramref name="since"/>.</summary>
    Task<IReadOnlyList<Alert>> QueryAsync(string? domain, DateTimeOffset? since, int limit, CancellationToken cancellationToken);

    /// <summary>Removes every stored alert of one entity (right to erasure); returns how many were removed.</summary>
    Task<int> DeleteEntityAsync(string domain, string entityId, CancellationToken cancellationToken);

    /// <summary>Removes alerts older than <paramref name="cutoff"/> (retention); returns how many were removed.</summary>
    Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
