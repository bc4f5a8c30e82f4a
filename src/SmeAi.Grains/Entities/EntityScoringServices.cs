using Microsoft.Extensions.Options;
using SmeAi.Grains.Alerts;
using SmeAi.Grains.Diagnostics;
using SmeAi.Grains.Models;

namespace SmeAi.Grains.Entities;

/// <summary>What every scoring entity grain needs from its silo, in one per-silo singleton so grain constructors stay short.</summary>
public sealed class EntityScoringServices(ModelCache models, ScoringMetrics metrics, IOutputSink outputs, IOptions<AlertOptions> alerts)
{
    public ModelCache Models { get; } = models;

    public ScoringMetrics Metrics { get; } = metrics;

    public IOutputSink Outputs { get; } = outputs;

    public AlertOptions Alerts { get; } = (alerts ?? throw new ArgumentNullException(nameof(alerts))).Value;
}
