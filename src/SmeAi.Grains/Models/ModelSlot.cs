using SmeAi.ML.Inference;

namespace SmeAi.Grains.Models;

/// <summary>One model's entry in the <see cref="ModelCache"/>: the scorer in use and the gate that serialises reloads.</summary>
internal sealed class ModelSlot(string name)
{
    private IScorer? _scorer;
    private int _tracking;

    public string Name { get; } = name;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    public IScorer? Scorer => Volatile.Read(ref _scorer);

    /// <summary>True exactly once: the caller starts the first load.</summary>
    public bool TryStartTracking() => Interlocked.Exchange(ref _tracking, 1) == 0;

    public void Swap(IScorer scorer) => Interlocked.Exchange(ref _scorer, scorer);
}
