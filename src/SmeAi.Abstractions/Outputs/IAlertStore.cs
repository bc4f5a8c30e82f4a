namespace SmeAi.Abstractions.Outputs;

/// <summary>Stored alerts behind <c>GET /api/alerts</c>: PostgreSQL in production, memory in embedded mode.</summary>
public interface IAlertStore
{
    /// <summary>
    /// Records raises and clears, in order. A raise (<see cref="Alert.StatusOpen"/>) is stored unless its
    /// <see cref="Alert.AlertId"/> already is; a clear (<see cref="Alert.StatusCleared"/>, same id as its raise) marks the
    /// stored raise cleared unless it already is, and is ignored when the raise is not stored. So a replayed raise or clear
    /// changes nothing, and a raise replayed after its clear does not reopen it. Other statuses are ignored.
    /// </summary>
    Task AddAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken);

    /// <summary>
    /// Stored raises newest first (by raise time), each with its current status (<see cref="Alert.ClearedAt"/> set once
    /// cleared); optionally of one domain, raised at or after <paramref name="since"/>, and only open or only cleared ones.
    /// </summary>
    Task<IReadOnlyList<Alert>> QueryAsync(string? domain, DateTimeOffset? since, string? status, int limit, CancellationToken cancellationToken);

    /// <summary>Removes every stored alert of one entity (right to erasure); returns how many were removed.</summary>
    Task<int> DeleteEntityAsync(string domain, string entityId, CancellationToken cancellationToken);

    /// <summary>Removes alerts raised before <paramref name="cutoff"/> (retention); returns how many were removed.</summary>
    Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
