using Microsoft.Extensions.Options;
using SmeAi.Abstractions.Outputs;

namespace SmeAi.Silo.Outputs;

/// <summary>
/// Embedded mode's alert store: the newest <see cref="OutputOptions.MemoryStoreCapacity"/> raises, in memory, lost on
/// restart; a clear marks its raise cleared in place and takes no room.
/// </summary>
internal sealed class MemoryAlertStore(IOptions<OutputOptions> options) : IAlertStore
{
    private readonly int _capacity = options.Value.MemoryStoreCapacity;
    private readonly Lock _lock = new();
    private readonly LinkedList<Alert> _alerts = new();
    private readonly Dictionary<string, LinkedListNode<Alert>> _byId = new(StringComparer.Ordinal);

    public Task AddAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        lock (_lock)
        {
            foreach (var alert in alerts)
            {
                if (alert.Status == Alert.StatusOpen)
                {
                    Raise(alert);
                }
                else if (alert.Status == Alert.StatusCleared)
                {
                    Clear(alert);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Alert>> QueryAsync(
        string? domain, DateTimeOffset? since, string? status, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<Alert> result = [.. _alerts
                .Where(a => (domain is null || a.Domain == domain) && (since is null || a.Ts >= since) && (status is null || a.Status == status))
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

    private void Raise(Alert alert)
    {
        if (_byId.ContainsKey(alert.AlertId))
        {
            return;
        }

        _byId.Add(alert.AlertId, _alerts.AddLast(alert));
        if (_alerts.Count > _capacity)
        {
            _byId.Remove(_alerts.First!.Value.AlertId);
            _alerts.RemoveFirst();
        }
    }

    // A clear of a raise not held (never received, or forgotten past the capacity) has nothing to mark.
    private void Clear(Alert clear)
    {
        if (_byId.TryGetValue(clear.AlertId, out var node) && node.Value.ClearedAt is null)
        {
            node.Value = node.Value with { Status = Alert.StatusCleared, ClearedAt = clear.Ts };
        }
    }

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
                    _byId.Remove(node.Value.AlertId);
                    _alerts.Remove(node);
                    removed++;
                }

                node = next;
            }

            return removed;
        }
    }
}
