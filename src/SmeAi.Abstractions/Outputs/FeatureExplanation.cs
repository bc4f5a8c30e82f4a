namespace SmeAi.Abstractions.Outputs;

/// <summary>One feature behind a score: its value in the scored event against the entity's own baseline.</summary>
/// <param name="Name">Feature (or sensor) name.</param>
/// <param name="Value">Its value in the scored event.</param>
/// <param name="Baseline">The entity's usual value (running mean), or the value itself while no baseline exists.</param>
/// <param name="Deviation">How unusual the value is: standard deviations from the baseline, or the model's share of the error.</param>
[GenerateSerializer, Immutable]
public sealed record FeatureExplanation(
    [property: Id(0)] string Name,
    [property: Id(1)] double Value,
    [property: Id(2)] double Baseline,
    [property: Id(3)] double Deviation);
