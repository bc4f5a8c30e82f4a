using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Models;
using SmeAi.Abstractions.Training;
using SmeAi.Grains.Models;
using SmeAi.ML.Inference;
using SmeAi.ML.Metrics;

namespace SmeAi.Grains.Training;

/// <summary>
/// Collects samples for one model and retrains it: when event time has advanced by
/// <see cref="TrainerOptions.RetrainEvery"/> (so a replay retrains as the live run did), when a reminder
/// finds new samples, when live scores drift from the training scores, and on demand; with
/// <see cref="RetrainingMode.OnDemand"/> only on demand. Reentrant, so samples keep arriving while a training runs
/// on the <see cref="TrainingRunner"/>'s thread. Immovable: Orleans never moves a trainer by itself. A move would
/// deactivate it in the middle of a training, and during a silo's stop Orleans tried to move a trainer (placement finds no active silo
/// then, seen once in CI as an error line while a busy embedded silo stopped).
/// </summary>
[Reentrant]
[Orleans.Placement.Immovable(Orleans.Placement.ImmovableKind.Any)]
public sealed partial class TrainerGrain(
    [PersistentState("trainer", StorageNames.Default)] IPersistentState<TrainerState> state,
    IOptions<TrainerOptions> options,
    TrainingRunner runner,
    ModelCache models,
    ModelArtifactSerializer artifacts,
    TrainerTraffic traffic,
    TimeProvider time,
    ILogger<TrainerGrain> logger) : Grain, ITrainerGrain, IRemindable, IDisposable
{
    private const string ScheduleReminder = "retrain-schedule";
    private const int MaxLiveScores = 5_000;

    /// <summary>
    /// The write-behind timer's period: unsaved samples and labels reach storage within about this long. At most one
    /// write-behind save per interval: each save writes the whole reservoir, and at tens of thousands of events/s a save
    /// per 1,000 samples cost about a twentieth of the silo's CPU. Losing a few seconds of a random sample on a crash
    /// changes nothing the next training would notice; a label (whose event the entity's offset no longer replays) is
    /// kept, whether one came in hours or thousands in a replay.
    /// </summary>
    private static readonly TimeSpan MinSaveInterval = TimeSpan.FromSeconds(15);

    private readonly TrainerOptions _options = options.Value;
    private readonly List<float> _liveScores = [];

    // The version whose scores _liveScores holds.
    private int _liveScoresVersion;
    private ulong _samplingSeed;
    private Task<TrainingOutcome>? _running;

    // Cancels the running training when the silo stops (see OnDeactivateAsync).
    private readonly CancellationTokenSource _trainingCancellation = new();
    // Samples and labels received; a label counts like a sample, so a deactivation never drops one unsaved.
    private long _changesReceived;

    // Changes received before the latest successful save was asked for: that save holds them (and maybe later ones).
    private long _changesSaved;
    private IGrainTimer? _saveTimer;
    private bool _reminderRegistered;

    // The classifier's last training was refused for too few rows of a class: labels arriving after their samples
    // (a cancellation days after the customer's events) retry it as soon as both classes have enough, not only when
    // the event-time schedule next comes round, which a quiet stream may never bring.
    private bool _retryWhenLabelled;
    private int _positivesAtLastAttempt;

    // Looked up once: resolving the model's classifier settings by prefix allocates, and every batch of samples needs it.
    private int? _reservoirCapacity;

    private string Name => this.GetPrimaryKeyString();

    private bool Automatic => _options.Retraining == RetrainingMode.Automatic;

    private long UnsavedChanges => _changesReceived - _changesSaved;

    private int ReservoirCapacity => _reservoirCapacity ??= _options.ReservoirCapacityFor(Name);

    private TrainingKind Kind => _options.ClassifierPrefixes.Any(p => Name.StartsWith(p, StringComparison.Ordinal))
        ? TrainingKind.Classifier
        : TrainingKind.Anomaly;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Seeded per model, so two models fed the same rows keep different samples.
        _samplingSeed = RowPriority.SeedFor(_options.Seed, Name);
        return Task.CompletedTask;
    }

    public void Dispose() => _trainingCancellation.Dispose();

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_running is { } training)
        {
            // A training that outlived its activation published and saved through an invalid one (an error at every stop),
            // and a stopping process must not exit while a thread is inside the native training code. Stopping silos cancel
            // it; otherwise it is waited for, as long as Orleans lets the deactivation take.
            if (reason.ReasonCode == DeactivationReasonCode.ShuttingDown)
            {
                await _trainingCancellation.CancelAsync();
            }

            try
            {
                await training.WaitAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
            {
                // Orleans' deactivation timeout: the training goes on without this activation.
            }
        }

        if (UnsavedChanges > 0)
        {
            await SaveAsync(cancellationToken);
        }
    }

    public async Task AddSamplesAsync(TrainingBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var reservoir = state.State.Reservoir;
        if (!reservoir.FeatureNames.SequenceEqual(batch.FeatureNames))
        {
            if (reservoir.Rows.Count > 0)
            {
                LogSchemaChanged(logger, Name, reservoir.Rows.Count);
            }

            reservoir.ChangeSchema(batch.FeatureNames);
        }

        var width = batch.FeatureNames.Count;
        var capacity = ReservoirCapacity;
        foreach (var sample in batch.Samples)
        {
            if (sample.Values.Length != width)
            {
                continue;
            }

            reservoir.Offer(sample, capacity, _options.LabelHorizon, _samplingSeed);
            MoveEventTimeTo(sample.Ts);
        }

        // Rows the grain filtered out were seen all the same: they move event time on and count as new data.
        if (batch.FilteredLatestTs is { } filteredLatest)
        {
            MoveEventTimeTo(filteredLatest);
        }

        reservoir.CountFilteredAtSource(batch.Filtered);
        Received(batch.Samples.Count + batch.Filtered);
        if (Automatic)
        {
            await EnsureScheduleReminderAsync();
        }

        if (Automatic && ScheduledTrainingDue())
        {
            TrainInBackground(state.State.LastTrainedEventTime is null ? "first data" : "event-time schedule");
        }
    }

    public Task AddLabelAsync(string entityId, DateTimeOffset ts)
    {
        var marked = state.State.Reservoir.Label(entityId, ts, _options.LabelHorizon);
        Received(1);
        LogLabelled(logger, Name, entityId, marked);
        if (marked > 0)
        {
            RetryIfNowLabelledEnough();
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// After a classifier training refused for too few rows of a class, trains again once labels have marked more
    /// rows positive than that attempt had and both classes have enough; labels that came during the attempt count
    /// when it ends. Each retry needs new positives, so a refusal for another shortage cannot loop.
    /// </summary>
    private void RetryIfNowLabelledEnough()
    {
        if (!_retryWhenLabelled || !Automatic || _running is not null)
        {
            return;
        }

        var rows = state.State.Reservoir.Rows;
        var positives = rows.Count(r => r.Positive);
        if (positives > _positivesAtLastAttempt && EnoughOfEachClass(rows, positives))
        {
            _retryWhenLabelled = false;
            TrainInBackground("labels after too few to train");
        }
    }

    /// <summary>
    /// Whether the part of the reservoir a training learns from (outside the gate slice) has enough of each class;
    /// <paramref name="positives"/> (of all the rows) rules it out before the gate is worked out row by row.
    /// </summary>
    private bool EnoughOfEachClass(List<ReservoirRow> rows, int positives)
    {
        var minimum = _options.ClassifierFor(Name).MinimumPerClass;
        if (positives < minimum)
        {
            return false;
        }

        int trainPositives = 0, trainNegatives = 0;
        foreach (var row in rows)
        {
            if (ChallengerTraining.InGate(row, _options.GateFraction))
            {
                continue;
            }

            if (row.Positive)
            {
                trainPositives++;
            }
            else
            {
                trainNegatives++;
            }
        }

        return trainPositives >= minimum && trainNegatives >= minimum;
    }

    public Task<SampleFilter> GetSampleFilterAsync()
    {
        return Task.FromResult(new SampleFilter(_samplingSeed, state.State.Reservoir.MaxKeptPriority(ReservoirCapacity, _samplingSeed)));
    }

    public Task AddLiveScoresAsync(int modelVersion, float[] scores)
    {
        ArgumentNullException.ThrowIfNull(scores);

        // Drift compares live scores with the current version's reference scores. Scores an earlier version gave
        // (queued in entities when a retraining promoted a new one) would measure that version's drift, not this one's.
        if (!Automatic || models.GetScorer(Name) is not ScorerBase { Artifact.Metrics.ReferenceScores: { IsDefaultOrEmpty: false } reference } scorer
            || scorer.ModelVersion != modelVersion)
        {
            return Task.CompletedTask;
        }

        if (_liveScoresVersion != modelVersion)
        {
            _liveScores.Clear();
            _liveScoresVersion = modelVersion;
        }

        _liveScores.AddRange(scores.Where(float.IsFinite));
        if (_liveScores.Count > MaxLiveScores)
        {
            _liveScores.RemoveRange(0, _liveScores.Count - MaxLiveScores);
        }

        var cooledDown = state.State.LastTrainedEventTime is not { } last || state.State.MaxEventTime - last >= _options.DriftCooldown;
        if (_liveScores.Count >= _options.MinimumLiveScores && _running is null && cooledDown)
        {
            var psi = PopulationStability.Index(reference.AsSpan(), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_liveScores));
            _liveScores.Clear();
            if (psi > _options.DriftThreshold)
            {
                TrainInBackground(FormattableString.Invariant($"drift (PSI {psi:F3} > {_options.DriftThreshold:F3})"));
            }
        }

        return Task.CompletedTask;
    }

    public Task<TrainingOutcome> RetrainAsync(string reason) => TrainOnceAsync(reason);

    public Task<TrainerStatus> GetStatusAsync()
    {
        var reservoir = state.State.Reservoir;
        return Task.FromResult(new TrainerStatus(
            Name, reservoir.Rows.Count, reservoir.Rows.Count(r => r.Positive), reservoir.Seen,
            state.State.LastTrainedEventTime, _running is not null, state.State.LastOutcome, reservoir.FilteredAtSource));
    }

    public async Task<int> ForgetEntityAsync(string entityId)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        var removed = state.State.Reservoir.Forget(entityId);

        // Saved at once: an erasure must not wait for the write-behind. A training already running keeps its copy.
        await SaveAsync();
        LogForgotten(logger, Name, removed);
        return removed;
    }

    /// <summary>
    /// The schedule reminder's tick trains when samples arrived since the last training. A tick with nothing to train
    /// ends the reminder: only a new sample can give a later tick something to do, and it registers the reminder again.
    /// Otherwise every model name ever seen (one-off sensor sets, a store that closed) kept a persistent reminder that
    /// woke its trainer and read its whole reservoir every RetrainEvery for good. With <see cref="RetrainingMode.OnDemand"/>
    /// the reminders left from automatic retraining end at their next tick.
    /// </summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ScheduleReminder)
        {
            return;
        }

        if (!Automatic)
        {
            await EndScheduleReminderAsync();
            return;
        }

        // During a training the reminder stays: samples arriving meanwhile are for the next tick.
        if (_running is not null)
        {
            return;
        }

        var reservoir = state.State.Reservoir;
        if (reservoir.Seen > state.State.SeenAtLastTraining && reservoir.Rows.Count >= _options.MinimumSamples)
        {
            await TrainOnceAsync("reminder schedule");
        }
        else
        {
            await EndScheduleReminderAsync();
        }
    }

    private void MoveEventTimeTo(DateTimeOffset ts)
    {
        if (state.State.MaxEventTime is null || ts > state.State.MaxEventTime)
        {
            state.State.MaxEventTime = ts;
        }
    }

    private bool ScheduledTrainingDue()
    {
        if (_running is not null || state.State.Reservoir.Rows.Count < _options.MinimumSamples)
        {
            return false;
        }

        return state.State.LastTrainedEventTime is not { } last
            || state.State.MaxEventTime - last >= _options.RetrainEvery;
    }

    /// <summary>Starts a training unless one runs; either way returns the running one's outcome.</summary>
    private Task<TrainingOutcome> TrainOnceAsync(string reason)
    {
        return _running ??= RunTrainingAsync(reason);
    }

    /// <summary>
    /// Starts a training nobody waits for (schedule, drift). A failure it did not catch itself (the final save) would
    /// otherwise end as an unobserved task exception that no log names.
    /// </summary>
    private void TrainInBackground(string reason) => _ = ObserveAsync(TrainOnceAsync(reason), reason);

    private async Task ObserveAsync(Task<TrainingOutcome> training, string reason)
    {
        try
        {
            await training;
        }
        catch (Exception ex)
        {
            LogBackgroundTrainingFailed(logger, ex, Name, reason);
        }
    }

    private async Task<TrainingOutcome> RunTrainingAsync(string reason)
    {
        // Let TrainOnceAsync record this run in _running before any of it executes, so the finally below clears it.
        await Task.Yield();
        var snapshot = state.State;
        var eventTimeAtStart = snapshot.MaxEventTime;
        var seenAtStart = snapshot.Reservoir.Seen;
        var stopped = false;
        // In an order set by the rows alone: the reservoir's own order follows the order samples arrived in.
        var rows = snapshot.Reservoir.RowsInStableOrder();
        _positivesAtLastAttempt = rows.Count(r => r.Positive);
        var featureNames = snapshot.Reservoir.FeatureNames.ToList();
        TrainingOutcome outcome;
        try
        {
            LogTrainingStarted(logger, Name, reason, rows.Count);
            var champion = await models.LoadAsync(Name);
            var kind = Kind;
            var challenger = featureNames.Count == 0
                ? ChallengerResult.Refused("no samples yet")
                : await runner.RunAsync(ct => ChallengerTraining.Train(Name, kind, featureNames, rows, champion, _options, ct), _trainingCancellation.Token);
            _retryWhenLabelled = challenger.TooLittleData && kind == TrainingKind.Classifier;
            outcome = await PublishAsync(reason, challenger, champion?.ModelVersion ?? 0);
        }
        catch (OperationCanceledException) when (runner.IsStopping || _trainingCancellation.IsCancellationRequested)
        {
            // The silo is stopping and cancelled the training: nothing failed, the champion stays.
            stopped = true;
            LogTrainingStopped(logger, Name, reason);
            outcome = new TrainingOutcome(Name, false, false, 0, reason, "stopped with the silo", time.GetUtcNow());
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A failed training must never wedge the trainer: record it, keep the champion, try again next time.
            LogTrainingFailed(logger, ex, Name, reason);
            outcome = new TrainingOutcome(Name, false, false, 0, reason, $"training failed: {ex.GetType().Name}: {ex.Message}", time.GetUtcNow());
        }
        finally
        {
            _running = null;
        }

        // Recorded only for a training that ran: one the silo's stop cancelled, saved as trained, left the restarted trainer
        // without its first-data training and a whole RetrainEvery from the next. A failed one counts, so that a failure that
        // repeats waits for the schedule instead of starting again with every batch of samples.
        if (!stopped)
        {
            snapshot.LastTrainedEventTime = eventTimeAtStart;
            snapshot.SeenAtLastTraining = seenAtStart;
        }

        snapshot.LastOutcome = outcome;
        LogTrainingFinished(logger, Name, outcome.Published, outcome.Promoted, outcome.Version, outcome.Detail);
        await SaveAsync();
        RetryIfNowLabelledEnough();
        return outcome;
    }

    private async Task<TrainingOutcome> PublishAsync(string reason, ChallengerResult challenger, int championVersion)
    {
        if (challenger.Artifact is not { } artifact)
        {
            return new TrainingOutcome(Name, false, false, 0, reason, $"not published: {challenger.Refusal}", time.GetUtcNow());
        }

        // Promoted only if the champion it beat is still current (the model grain checks), so a promote or rollback made meanwhile stands.
        var info = await GrainFactory.GetGrain<IModelGrain>(Name).PublishAsync(artifacts.ToCandidate(artifact), challenger.BeatsChampion, championVersion);
        var promoted = info.PromotedAt is not null;
        var verdict = promoted ? "promoted"
            : challenger.BeatsChampion ? $"kept as challenger: it beat version {championVersion}, which is no longer current"
            : "kept as challenger";
        return new TrainingOutcome(Name, true, promoted, info.Version, reason, $"{verdict}: {challenger.Comparison}", time.GetUtcNow());
    }

    private async Task EnsureScheduleReminderAsync()
    {
        if (!_reminderRegistered)
        {
            var period = _options.RetrainEvery < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : _options.RetrainEvery;
            await this.RegisterOrUpdateReminder(ScheduleReminder, period, period);
            _reminderRegistered = true;
        }
    }

    /// <summary>Counts changes to write and makes sure the write-behind timer will write them.</summary>
    private void Received(int changes)
    {
        _changesReceived += changes;
        traffic.Delivered(Name, changes);
        if (UnsavedChanges > 0)
        {
            _saveTimer ??= this.RegisterGrainTimer(SaveIfUnsavedAsync, new GrainTimerCreationOptions(MinSaveInterval, MinSaveInterval));
        }
    }

    /// <summary>
    /// The write-behind timer's tick. While a training runs it waits: the training's end saves, and a tick after that
    /// writes what the training's save did not hold (or failed to write). A tick with nothing to write ends the timer, so
    /// a quiet trainer is not woken every interval; the next change starts a new one.
    /// </summary>
    private Task SaveIfUnsavedAsync(CancellationToken cancellationToken)
    {
        if (UnsavedChanges == 0)
        {
            _saveTimer?.Dispose();
            _saveTimer = null;
            return Task.CompletedTask;
        }

        return _running is null ? SaveAsync(cancellationToken) : Task.CompletedTask;
    }

    private async Task EndScheduleReminderAsync()
    {
        // _reminderRegistered stays set until the reminder is gone, so samples arriving meanwhile do not register it in
        // between; they are looked for afterwards.
        var seen = state.State.Reservoir.Seen;
        if (await this.GetReminder(ScheduleReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
            LogReminderEnded(logger, Name, Automatic ? "nothing to train until new samples arrive" : "retraining is on demand");
        }

        _reminderRegistered = false;
        if (Automatic && state.State.Reservoir.Seen != seen)
        {
            await EnsureScheduleReminderAsync();
        }
    }

    /// <summary>
    /// Every write of the trainer's state goes through here. The grain is reentrant, so saves may be asked for while
    /// one is being written; Orleans queues a state's writes (a later one starts when the earlier ends), so they never
    /// overlap at the storage. Samples and labels that arrive while the write is in flight stay counted as unsaved.
    /// </summary>
    private async Task SaveAsync(CancellationToken cancellationToken = default)
    {
        var received = _changesReceived;
        await state.WriteStateAsync(cancellationToken);
        _changesSaved = Math.Max(_changesSaved, received);
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Training {ModelName} ({Reason}) on {Rows} samples")]
    private static partial void LogTrainingStarted(ILogger logger, string modelName, string reason, int rows);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "Training {ModelName} finished: published {Published}, promoted {Promoted}, version {Version}: {Detail}")]
    private static partial void LogTrainingFinished(ILogger logger, string modelName, bool published, bool promoted, int version, string detail);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Error, Message = "Training {ModelName} ({Reason}) failed; the current version stays")]
    private static partial void LogTrainingFailed(ILogger logger, Exception exception, string modelName, string reason);

    [LoggerMessage(EventId = 4208, Level = LogLevel.Information, Message = "Training {ModelName} ({Reason}) stopped with the silo; the current version stays")]
    private static partial void LogTrainingStopped(ILogger logger, string modelName, string reason);

    [LoggerMessage(EventId = 4207, Level = LogLevel.Error, Message = "Trainer {ModelName}: the background training ({Reason}) ended with an error")]
    private static partial void LogBackgroundTrainingFailed(ILogger logger, Exception exception, string modelName, string reason);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "Trainer {ModelName}: the feature set changed; dropping {Rows} samples of the old one")]
    private static partial void LogSchemaChanged(ILogger logger, string modelName, int rows);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Debug, Message = "Trainer {ModelName}: label for {EntityId} marked {Rows} samples positive")]
    private static partial void LogLabelled(ILogger logger, string modelName, string entityId, int rows);

    [LoggerMessage(EventId = 4210, Level = LogLevel.Debug, Message = "Trainer {ModelName}: schedule reminder unregistered ({Why})")]
    private static partial void LogReminderEnded(ILogger logger, string modelName, string why);

    [LoggerMessage(EventId = 4206, Level = LogLevel.Information, Message = "Trainer {ModelName}: erased an entity's {Rows} samples")]
    private static partial void LogForgotten(ILogger logger, string modelName, int rows);
}
