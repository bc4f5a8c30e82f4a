using System.Diagnostics.Metrics;
using SmeAi.Abstractions.Outputs;

namespace SmeAi.Silo.Outputs;

/// <summary>Meter <c>SmeAi.Outputs</c>: alerts by domain and status, outputs the Kafka cluster refused, and alert changes the store never got.</summary>
/// <remarks>
/// Records a replaced producer never reported on count as failed with topic <see cref="UnknownTopic"/>: librdkafka does
/// not say which records it still held, and remembering each record's topic until its answer would cost the hot path.
/// </remarks>
internal sealed class OutputMetrics : IDisposable
{
    public const string MeterName = "SmeAi.Outputs";

    /// <summary>The <c>topic</c> of failed records whose topic is not known (abandoned with a replaced producer).</summary>
    public const string UnknownTopic = "unknown";

    /// <summary>The <c>reason</c> of alert changes dropped because the store queue was full.</summary>
    public const string StoreQueueFull = "queue_full";

    /// <summary>The <c>reason</c> of alert changes given up on after the store kept failing (or failed at stop).</summary>
    public const string StoreFailed = "store_failed";

    private readonly Meter _meter;
    private readonly Counter<long> _alerts;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _storeDropped;

    public OutputMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        _alerts = _meter.CreateCounter<long>("smeai.alerts", description: "Alerts raised and cleared, by domain and status");
        _storeDropped = _meter.CreateCounter<long>("smeai.alerts.store.dropped", description: "Alert raises and clears never stored (they stay on the output topics), by reason: queue_full or store_failed");
        _failed = _meter.CreateCounter<long>("smeai.outputs.failed", description: "Output records the Kafka cluster did not accept, by topic (unknown for those a replaced producer never reported on)");
    }

    public void Alert(Alert alert) =>
        _alerts.Add(1, new KeyValuePair<string, object?>("domain", alert.Domain), new KeyValuePair<string, object?>("status", alert.Status));

    public void Failed(string topic) => _failed.Add(1, new KeyValuePair<string, object?>("topic", topic));

    /// <summary>Records a replaced producer still held and never reported on: they count as refused.</summary>
    public void Abandoned(long count) => _failed.Add(count, new KeyValuePair<string, object?>("topic", UnknownTopic));

    public void StoreDropped(int count, string reason) => _storeDropped.Add(count, new KeyValuePair<string, object?>("reason", reason));

    public void Dispose() => _meter.Dispose();
}
