using Microsoft.Extensions.Options;
using SmeAi.Grains.Alerts;
using SmeAi.Grains.Diagnostics;
using SmeAi.Grains.Models;
using SmeAi.Grains.Training;

namespace SmeAi.Grains.Entities;

/// <summary>What every scoring entity grain needs from its silo, in one per-silo singleton so grain constructors stay short.</summary>
public sealed class EntityScoringServices(ModelCache models, ScoringMetrics metrics, IOutputSink outputs, IOptions<AlertOptions> alerts, TrainerTraffic traffic,
    TrainerSampleFilters sampleFilters)
{
    public ModelCache Models { get; } = models;

    public ScoringMetrics Metrics { get; } = metrics;

    public IOutputSink Outputs { get; } = outputs;

    /// <summary>What the entity grains queued for trainers and what the trainers took in.</summary>
    public TrainerTraffic Traffic { get; } = traffic;

    /// <summary>Which rows each trainer would still keep, so the grains queue only those.</summary>
    public TrainerSampleFilters SampleFilters { get; } = sampleFilters;

    public AlertOptions Alerts { get; } = (alerts ?? throw new ArgumentNullException(nameof(alerts))).Value;
}
