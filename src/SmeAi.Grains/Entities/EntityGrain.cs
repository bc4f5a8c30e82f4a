using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using Orleans.Streams.Core;
using SmeAi.Abstractions.Entities;
using SmeAi.Abstractions.Events;
using SmeAi.Grains.Statistics;
using SmeAi.Streaming.Kafka.Provider;

namespace SmeAi.Grains.Entities;

/// <summary>
/// The stream side every entity grain shares: implicit subscription with batch delivery, dedupe by
/// (partition, offset), event counting, and write-behind of state (every N events, every T seconds
/// with events pending, and on deactivation). Domain grains add what an event means.
/// The domain grains are placed where they are first called (<see cref="Orleans.Placement.PreferLocalPlacementAttribute"/>), which is
/// the silo whose pulling agent delivers their partition: an entity's events then never cross silos. With random
/// placement half of all deliveries were serialized to the other silo, and two silos on two cores fell far behind.
/// </summary>
public abstract partial class EntityGrain<TEvent, TState> : Grain, IStreamSubscriptionObserver, IAsyncBatchObserver<TEvent>
    where TEvent : IEntityEvent
    where TState : EntityStreamState, new()
{
    private readonly IPersistentState<TState> _state;
    private readonly SiloEventCounter _counter;
    private readonly EntityGrainOptions _options;
    private string? _entityId;
    private int _unsavedEvents;
    private IGrainTimer? _flushTimer;
    private ILogger? _logger;

    protected EntityGrain(IPersistentState<TState> state, SiloEventCounter counter, IOptions<EntityGrainOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _state = state;
        _counter = counter;
        _options = options.Value;
    }

    protected TState State => _state.State;

    /// <summary>Resolved when first needed: only failures log, and a constructor parameter would burden every domain grain.</summary>
    protected ILogger Logger => _logger ??= ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(GetType());

    /// <summary>The grain's key; read once, because the key string is rebuilt on every call and every event reads it.</summary>
    protected string EntityId => _entityId ??= this.GetPrimaryKeyString();

    /// <summary>Kafka partition and offset of the event being applied (-1, -1 on a stream without Kafka tokens).</summary>
    protected (int Partition, long Offset) CurrentPosition { get; private set; } = (-1, -1);

    public Task<EntitySnapshot> GetSnapshotAsync() =>
        Task.FromResult(new EntitySnapshot(
            EntityId, State.EventsProcessed, State.LastEventTs, State.LastScore, State.ModelName, State.ModelVersion, State.LatestScores(), State.Alerts.Open, State.FailureRisk));

    public async Task<EntityErasure> EraseAsync()
    {
        var eventsForgotten = State.EventsProcessed;
        var samplesRemoved = await EraseDownstreamAsync();
        var positions = State.LastOffsets;

        // Only the stream positions stay (numbers, no personal data): without them the next activation would resume
        // from the earliest event Kafka still holds and apply the erased events again. One write replaces the stored
        // state with them; a clear first, then a write, would lose the positions if the write failed between the two.
        _state.State = new TState { LastOffsets = positions };
        if (positions.Count > 0)
        {
            await _state.WriteStateAsync();
        }
        else
        {
            await _state.ClearStateAsync();
        }

        _unsavedEvents = 0;

        // A fresh activation reads only the positions back; nothing of this one's memory survives.
        this.DeactivateOnIdle();
        return new EntityErasure(EntityId, eventsForgotten, samplesRemoved);
    }

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        ArgumentNullException.ThrowIfNull(handleFactory);
        // A new activation may have lost events that an earlier one (on a silo that died) applied but had not written
        // yet, while the partition stayed on a live silo that will not read it again. Ask for every event the
        // provider still holds for this stream; IsNew drops what the persisted state already has.
        await handleFactory.Create<TEvent>().ResumeAsync(this, KafkaStreamSequenceToken.Earliest);
    }

    /// <summary>
    /// Applies the batch's new events in order. When applying one throws, the events before it stay applied and
    /// counted, and the exception goes to the stream provider, which redelivers the whole batch: those events are then
    /// duplicates, and the failed one and those after it are applied.
    /// </summary>
    public async Task OnNextAsync(IList<SequentialItem<TEvent>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var applied = 0;
        var redelivered = 0;
        try
        {
            foreach (var item in items)
            {
                var token = item.Token as KafkaStreamSequenceToken;
                if (token is not null)
                {
                    if (!State.IsNew(token.Partition, token.Offset))
                    {
                        redelivered++;
                        continue;
                    }

                    CurrentPosition = (token.Partition, token.Offset);
                }

                await ApplyAsync(item.Item);
                if (token is not null)
                {
                    State.MarkApplied(token.Partition, token.Offset);
                }

                State.EventsProcessed++;
                if (State.LastEventTs is null || item.Item.Ts > State.LastEventTs)
                {
                    State.LastEventTs = item.Item.Ts;
                }

                applied++;
            }
        }
        catch (Exception ex)
        {
            // Only applying throws here. The events applied before the failure are in the state: count them, and let
            // the timer write them if no redelivery does first.
            LogApplyFailed(Logger, ex, GetType().Name, EntityId, CurrentPosition.Partition, CurrentPosition.Offset);
            CountApplied(applied, redelivered);
            EnsureFlushTimer();
            throw;
        }

        CountApplied(applied, redelivered);
        if (_unsavedEvents >= _options.FlushEveryEvents)
        {
            await FlushAsync();
        }
        else
        {
            EnsureFlushTimer();
        }
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <summary>
    /// The pulling agent gave up delivering a batch (after DeliveryTimeout; the provider dead-letters it) or found the
    /// stream's data gone or its subscription failing: the grain cannot repair that, but the operator should know which entity it hit.
    /// </summary>
    public Task OnErrorAsync(Exception ex)
    {
        LogStreamError(Logger, ex, GetType().Name, EntityId);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_unsavedEvents > 0)
        {
            await FlushAsync();
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <summary>Applies one new (not redelivered) event to the domain state.</summary>
    protected abstract ValueTask ApplyAsync(TEvent item);

    /// <summary>Right to erasure, beyond the grain's own state: removes what the entity left elsewhere; returns the training samples removed.</summary>
    protected virtual ValueTask<int> EraseDownstreamAsync() => ValueTask.FromResult(0);

    /// <summary>Runs before state is persisted; grains with outputs make sure those are written first.</summary>
    protected virtual ValueTask BeforeWriteStateAsync() => ValueTask.CompletedTask;

    protected async Task FlushAsync()
    {
        await BeforeWriteStateAsync();
        await _state.WriteStateAsync();
        _unsavedEvents = 0;
    }

    private void CountApplied(int applied, int redelivered)
    {
        if (redelivered > 0)
        {
            _counter.AddRedelivered(redelivered);
        }

        _counter.Add(applied);
        _unsavedEvents += applied;
    }

    private void EnsureFlushTimer()
    {
        if (_unsavedEvents > 0)
        {
            _flushTimer ??= this.RegisterGrainTimer(FlushIfPendingAsync, new GrainTimerCreationOptions(_options.FlushInterval, _options.FlushInterval));
        }
    }

    /// <summary>
    /// The write-behind timer's tick. A tick with nothing to write ends the timer (the next event starts a new one):
    /// with many quiet entities, a timer each would keep memory and wake every grain every interval for nothing.
    /// </summary>
    private Task FlushIfPendingAsync(CancellationToken cancellationToken)
    {
        if (_unsavedEvents > 0)
        {
            return FlushAsync();
        }

        _flushTimer?.Dispose();
        _flushTimer = null;
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning,
        Message = "{Grain} {EntityId}: applying the event at partition {Partition} offset {Offset} failed; the stream provider redelivers it")]
    private static partial void LogApplyFailed(ILogger logger, Exception exception, string grain, string entityId, int partition, long offset);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Warning, Message = "{Grain} {EntityId}: the stream provider gave up on a delivery or the subscription")]
    private static partial void LogStreamError(ILogger logger, Exception exception, string grain, string entityId);
}
