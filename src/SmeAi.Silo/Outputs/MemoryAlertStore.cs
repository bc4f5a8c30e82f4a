using Microsoft.Extensions.Options;
using SmeAi.Abstractions.Outputs;

namespace SmeAi.Silo.Outputs;

/// <summary>Embedded mode's alert store: the newest <see cref="OutputOptions.MemoryStoreCapacity"/> alerts, in memory, lost on restart.</summary>
internal sealed class MemoryAlertStore(IOptions<OutputOptions> options) : IAlertStore
{
    private readonly int _capacity = options.Value.MemoryStoreCapacity;
    private readonly Lock _lock = new();
    private readonly LinkedList<Alert> _alerts = new();
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public Task AddAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        lock (_lock)
        {
            foreach (var alert in alerts)
            {
                if (!_ids.Add(alert.AlertId))
                {
                    continue;
                }

                _alerts.AddLast(alert);
                if (_alerts.Count > _capacity)
                {
                    _ids.Remove(_alerts.First!.Value.AlertId);
                    _alerts.RemoveFirst();
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Alert>> QueryAsync(string? domain, DateTimeOffset? since, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<Alert> result = [.. _alerts
                .Where(a => (domain is null || a.Domain == domain) && (since is null || a.Ts >= since))
                .OrderByDescending(a => a.Ts)
                .ThenByDescending(a => a.AlertId, StringComparer.Ordinal)
                .Take(limit)];
            return Task.FromResult(result);
        }
    }

    public Task<int> DeleteEntityAsync(string domain, string entityId, CancellationToken cancellationToken) =>
        Task.FromResult(RemoveWhere(a => a.Domain == domain && a.EntityId == entityId));

    public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        Task.FromResult(RemoveWhere(a => a.Ts < cutoff));

    private int RemoveWhere(Func<Alert, bool> predicate)
    {
        lock (_lock)
        {
            var removed = 0;
            for (var node = _alerts.First; node is not null;)
            {
                var next = node.Next;
                if (predicate(node.Value))
                {
                    _ids.Remove(node.Value.AlertId);
                    _alerts.Remove(node);
                    removed++;
                }

                node = next;
            }

            return removed;
        }
    }
}
