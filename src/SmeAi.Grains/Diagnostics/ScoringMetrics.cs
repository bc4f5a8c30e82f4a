using System.Diagnostics;
using System.Diagnostics.Metrics;
using SmeAi.Abstractions.Outputs;
using SmeAi.Grains.Models;
using SmeAi.Grains.Statistics;

namespace SmeAi.Grains.Diagnostics;

/// <summary>
/// Meter <c>SmeAi.Grains</c>: events scored per domain, scoring time, redelivered events dropped, and the model
/// version each silo scores with. A per-silo singleton; recording is lock-free.
/// </summary>
public sealed class ScoringMetrics : IDisposable
{
    public const string MeterName = "SmeAi.Grains";

    private readonly Meter _meter;
    private readonly Counter<long> _scored;
    private readonly Histogram<double> _duration;

    public ScoringMetrics(IMeterFactory meters, ModelCache models, SiloEventCounter events)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(events);
        _meter = meters.Create(MeterName);
        _scored = _meter.CreateCounter<long>("smeai.events.scored", description: "Events scored, by domain");
        _duration = _meter.CreateHistogram<double>("smeai.scoring.duration", unit: "ms", description: "Time to score one event with the cached model");
        _meter.CreateObservableCounter("smeai.events.redelivered", () => events.Redelivered, "{event}",
            "Events entity grains dropped because they had applied them already (a retried batch; the replay a grain asks for when it activates)");
        _meter.CreateObservableGauge("smeai.model.version", () => models.Loaded.Select(m => new Measurement<int>(m.Version, new KeyValuePair<string, object?>("model", m.Name))),
            description: "Model version this silo scores with");
    }

    /// <summary>
    /// Reports 0 events scored for every domain, so each series exists before its first event: an alert on a missing
    /// series would fire, and rate() would have no start. Call once the metrics exporter listens.
    /// </summary>
    public void ReportZeroCounts()
    {
        foreach (var domain in AlertDomains.All)
        {
            _scored.Add(0, new KeyValuePair<string, object?>("domain", domain));
        }
    }

    public void Scored(string domain, long startTimestamp)
    {
        var tag = new KeyValuePair<string, object?>("domain", domain);
        _scored.Add(1, tag);
        _duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds, tag);
    }

    public void Dispose() => _meter.Dispose();
}
