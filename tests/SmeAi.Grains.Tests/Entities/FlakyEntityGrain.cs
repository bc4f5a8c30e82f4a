using Microsoft.Extensions.Options;
using Orleans.Streams;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events;
using SmeAi.Grains.Entities;
using SmeAi.Grains.Statistics;
using SmeAi.Streaming.Kafka.Provider;

namespace SmeAi.Grains.Tests.Entities;

/// <summary>An event of <see cref="FlakyEntityGrain"/>: its Kafka offset, and whether applying it fails the first time.</summary>
[GenerateSerializer, Immutable]
public sealed record FlakyEvent(string EntityId, DateTimeOffset Ts, long Offset, bool FailsFirstTime) : IEntityEvent;

/// <summary>What a <see cref="FlakyEntityGrain"/> did: offsets in the order applied, events counted for the silo, events in its state.</summary>
[GenerateSerializer, Immutable]
public sealed record FlakyEntityReport(IReadOnlyList<long> Applied, long Counted, long EventsProcessed, long Redelivered);

public interface IFlakyEntityGrain : IGrainWithStringKey
{
    /// <summary>Delivers <paramref name="events"/> as the Kafka provider does: one batch, each event with its (partition 0, offset) token.</summary>
    Task DeliverAsync(IReadOnlyList<FlakyEvent> events);

    Task<FlakyEntityReport> ReportAsync();
}

/// <summary>
/// An entity grain whose applying fails once for the events marked so, as when a trainer call times out during a
/// failover. Its counter is its own, so what it counts is not mixed with other tests' grains.
/// </summary>
public sealed class FlakyEntityGrain : EntityGrain<FlakyEvent, EntityStreamState>, IFlakyEntityGrain
{
    /// <summary>A write after three events and none by the timer within a test, so storage shows what was counted as unsaved.</summary>
    public static readonly EntityGrainOptions WriteBehind = new() { FlushEveryEvents = 3, FlushInterval = TimeSpan.FromHours(1) };

    private readonly List<long> _applied = [];
    private readonly HashSet<long> _failed = [];
    private readonly SiloEventCounter _counter;

    public FlakyEntityGrain([PersistentState("flaky", StorageNames.Default)] IPersistentState<EntityStreamState> state)
        : this(state, new SiloEventCounter())
    {
    }

    private FlakyEntityGrain(IPersistentState<EntityStreamState> state, SiloEventCounter counter)
        : base(state, counter, Options.Create(WriteBehind))
    {
        _counter = counter;
    }

    public Task DeliverAsync(IReadOnlyList<FlakyEvent> events) =>
        OnNextAsync([.. events.Select((e, i) => new SequentialItem<FlakyEvent>(e, new KafkaStreamSequenceToken(0, e.Offset, i)))]);

    public Task<FlakyEntityReport> ReportAsync() => Task.FromResult(new FlakyEntityReport([.. _applied], _counter.EventsProcessed, State.EventsProcessed, _counter.Redelivered));

    protected override ValueTask ApplyAsync(FlakyEvent item)
    {
        if (item.FailsFirstTime && _failed.Add(item.Offset))
        {
            throw new TimeoutException($"applying offset {item.Offset} timed out");
        }

        _applied.Add(item.Offset);
        return ValueTask.CompletedTask;
    }
}
