using SmeAi.Abstractions.Outputs;

namespace SmeAi.IntegrationTests;

/// <summary>A real alert store whose queries throw <see cref="FailWith"/> when it is set, as one whose database is gone would.</summary>
internal sealed class FailableAlertStore(IAlertStore inner) : IAlertStore
{
    public Exception? FailWith { get; set; }

    public Task AddAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken) => inner.AddAsync(alerts, cancellationToken);

    public Task<IReadOnlyList<Alert>> QueryAsync(string? domain, DateTimeOffset? since, string? status, int limit, CancellationToken cancellationToken) =>
        FailWith is { } failure ? throw failure : inner.QueryAsync(domain, since, status, limit, cancellationToken);

    public Task<int> DeleteEntityAsync(string domain, string entityId, CancellationToken cancellationToken) =>
        inner.DeleteEntityAsync(domain, entityId, cancellationToken);

    public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        inner.DeleteOlderThanAsync(cutoff, cancellationToken);
}
