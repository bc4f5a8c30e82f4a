using System.Collections.Concurrent;
using SmeAi.Abstractions.Outputs;
using SmeAi.Grains.Alerts;

namespace SmeAi.Grains.Tests;

/// <summary>
/// The test cluster's output sink: keeps what the grains published so tests can read it. In the silo host the same
/// port is the Kafka/alert-store writer, which the integration tests cover.
/// </summary>
public sealed class RecordingOutputSink : IOutputSink
{
    public static RecordingOutputSink Shared { get; } = new();

    public ConcurrentQueue<ScoreRecord> Scores { get; } = new();

    public ConcurrentQueue<Alert> Alerts { get; } = new();

    public ConcurrentQueue<Alert> ChurnUpdates { get; } = new();

    public ValueTask PublishScoreAsync(ScoreRecord score)
    {
        Scores.Enqueue(score);
        return ValueTask.CompletedTask;
    }

    public ValueTask PublishAlertAsync(Alert alert)
    {
        Alerts.Enqueue(alert);
        return ValueTask.CompletedTask;
    }

    public ValueTask PublishChurnUpdateAsync(Alert update)
    {
        ChurnUpdates.Enqueue(update);
        return ValueTask.CompletedTask;
    }

    public ValueTask FlushAsync() => ValueTask.CompletedTask;

    public ValueTask FlushThroughAlertStoreAsync() => ValueTask.CompletedTask;

    public IReadOnlyList<Alert> AlertsOf(string entityId) => [.. Alerts.Where(a => a.EntityId == entityId)];

    public IReadOnlyList<ScoreRecord> ScoresOf(string entityId) => [.. Scores.Where(s => s.EntityId == entityId)];
}
