using System.Diagnostics.Metrics;
using SmeAi.Abstractions.Outputs;

namespace SmeAi.Silo.Outputs;

/// <summary>Meter <c>SmeAi.Outputs</c>: alerts by domain and status, and outputs the Kafka cluster refused.</summary>
internal sealed class OutputMetrics : IDisposable
{
    public const string MeterName = "SmeAi.Outputs";

    private readonly Meter _meter;
    private readonly Counter<long> _alerts;
    private readonly Counter<long> _failed;

    public OutputMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        _alerts = _meter.CreateCounter<long>("smeai.alerts", description: "Alerts raised and cleared, by domain and status");
        _failed = _meter.CreateCounter<long>("smeai.outputs.failed", description: "Output records the Kafka cluster did not accept, by topic");
    }

    public void Alert(Alert alert) =>
        _alerts.Add(1, new KeyValuePair<string, object?>("domain", alert.Domain), new KeyValuePair<string, object?>("status", alert.Status));

    public void Failed(string topic) => _failed.Add(1, new KeyValuePair<string, object?>("topic", topic));

    public void Dispose() => _meter.Dispose();
}
