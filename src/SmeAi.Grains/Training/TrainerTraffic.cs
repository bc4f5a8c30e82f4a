using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace SmeAi.Grains.Training;

/// <summary>
/// This silo's tally of the samples and labels entity grains handed to trainers (queued in their feeds or sent) and of
/// those the trainers took in, per model. Samples wait in an entity's feed until a batch fills or its state is written,
/// and reach the trainer by one-way calls, so "every event applied" does not yet mean "every sample at its trainer";
/// a replay that decides when models train (<see cref="RetrainingMode.OnDemand"/>) waits for <see cref="Pending"/> to
/// reach 0 first. Meaningful on a single silo only: in a cluster a sample queued on one silo may arrive on another.
/// </summary>
public sealed class TrainerTraffic(SiloStopSignal stopSignal)
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _delivered = new(StringComparer.Ordinal);
    private long _queued;
    private long _deliveredTotal;

    /// <summary>
    /// The silo has begun to stop. Trainers deactivate alongside the entity grains still applying their last deliveries,
    /// and a sample sent to a trainer that is gone is refused (an error line in the stop); a feed's samples are not
    /// persisted anyway, so feeds stop sending.
    /// </summary>
    public bool SiloStopping => stopSignal.IsStopping;

    /// <summary>Samples and labels queued for trainers and not yet taken in (nor discarded).</summary>
    public long Pending => Interlocked.Read(ref _queued) - Interlocked.Read(ref _deliveredTotal);

    /// <summary>Per model, the samples and labels its trainer took in on this silo so far.</summary>
    public IReadOnlyDictionary<string, long> DeliveredByModel =>
        _delivered.ToDictionary(p => p.Key, p => Interlocked.Read(ref p.Value.Value), StringComparer.Ordinal);

    /// <summary>An entity grain queued <paramref name="count"/> samples or labels for a trainer.</summary>
    public void Queued(int count) => Interlocked.Add(ref _queued, count);

    /// <summary>Queued samples that will never be sent (the entity was erased).</summary>
    public void Discarded(int count) => Interlocked.Add(ref _deliveredTotal, count);

    /// <summary>The trainer of <paramref name="modelName"/> took in <paramref name="count"/> samples or labels.</summary>
    public void Delivered(string modelName, int count)
    {
        var tally = _delivered.GetOrAdd(modelName, static _ => new StrongBox<long>());
        Interlocked.Add(ref tally.Value, count);
        Interlocked.Add(ref _deliveredTotal, count);
    }
}
