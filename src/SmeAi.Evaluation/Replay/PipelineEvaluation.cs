namespace SmeAi.Evaluation.Replay;

/// <summary>One figure of a pipeline replay, beside the same figure of the offline evaluation of our model when there is one.</summary>
public sealed record PipelineFigure(string Metric, double Pipeline, double? Offline = null);

/// <summary>
/// A dataset replayed through Kafka, the entity grains, the trainer and model grains of a silo that had no model
/// before, with the figures <see cref="ReplayMetrics"/> computes from the scores (and alerts) that came back.
/// </summary>
/// <param name="Setup">How the dataset was mapped and replayed, in a sentence.</param>
/// <param name="Events">Events replayed.</param>
/// <param name="WarmupEvents">Events replayed before the first training (the documented warm-up).</param>
/// <param name="Scored">Scores that came back for replayed readings.</param>
/// <param name="ModelScored">Of those, scores by a trained model (the rest are warm-up rows, exported as 0).</param>
public sealed record PipelineEvaluation(
    string Dataset,
    string Setup,
    int Events,
    int WarmupEvents,
    int Scored,
    int ModelScored,
    IReadOnlyList<PipelineFigure> Figures,
    IReadOnlyList<string> Notes,
    TimeSpan Duration);
