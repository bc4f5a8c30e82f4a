namespace SmeAi.Grains.Entities;

/// <summary>One event's outcome: the score alerting used, what produced it (model, own baseline or rules) and the model version.</summary>
public readonly record struct ScoredEvent(DateTimeOffset Ts, double Score, string Source, int ModelVersion, bool Warmup);
