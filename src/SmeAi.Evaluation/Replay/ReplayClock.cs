namespace SmeAi.Evaluation.Replay;

/// <summary>Synthetic event time for datasets without one: a fixed epoch, so a replay is the same on every run.</summary>
public static class ReplayClock
{
    public static DateTimeOffset Epoch { get; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
