namespace SmeAi.Grains.Entities;

/// <summary>
/// What a domain's rules say about one event beside the model: a score in [0,1], the names of the rules that fired,
/// and whether one of them is urgent enough to raise an alert without waiting for consecutive high scores.
/// </summary>
public readonly record struct RuleSignals(double Score, IReadOnlyList<string> Fired, bool Urgent)
{
    public static RuleSignals None { get; } = new(0, [], false);
}
