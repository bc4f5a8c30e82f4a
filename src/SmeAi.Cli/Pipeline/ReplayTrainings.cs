using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmeAi.Abstractions.Models;
using SmeAi.Abstractions.Training;
using SmeAi.Grains.Models;
using SmeAi.Grains.Statistics;
using SmeAi.Grains.Training;

namespace SmeAi.Cli.Pipeline;

/// <summary>
/// Decides when the models of an in-process replay silo train (its trainers are <see cref="RetrainingMode.OnDemand"/>):
/// only between replay steps, once every event sent is applied and every sample and label is at its trainer, and each
/// new version is scoring in this silo before the next step is sent. So which rows each version trains on, and which
/// version scores each event, depend on the replay alone, not on the machine's speed or on message order.
/// </summary>
internal sealed class ReplayTrainings(IServiceProvider services, TextWriter log)
{
    /// <summary>How long the silo may make no progress towards having applied everything before the replay goes on anyway.</summary>
    private static readonly TimeSpan _stallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a new current version may take to reach this silo's model cache.</summary>
    private static readonly TimeSpan _swapTimeout = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan _poll = TimeSpan.FromMilliseconds(50);

    private readonly IGrainFactory _grains = services.GetRequiredService<IGrainFactory>();
    private readonly SiloEventCounter _events = services.GetRequiredService<SiloEventCounter>();
    private readonly TrainerTraffic _traffic = services.GetRequiredService<TrainerTraffic>();
    private readonly ModelCache _models = services.GetRequiredService<ModelCache>();
    private readonly int _minimumSamples = services.GetRequiredService<IOptions<TrainerOptions>>().Value.MinimumSamples;

    // Per model, the samples and labels its trainer had taken in when it last trained.
    private readonly Dictionary<string, long> _trainedAt = new(StringComparer.Ordinal);

    /// <summary>
    /// Waits until the silo has applied <paramref name="events"/> events (it is fresh, so it has applied exactly what
    /// was sent once it has caught up), or makes no progress for a while.
    /// </summary>
    public Task WaitForEventsAsync(long events, CancellationToken cancellationToken) =>
        WaitWhileProgressingAsync(() => _events.EventsProcessed, seen => seen >= events, "events applied", cancellationToken);

    /// <summary>
    /// Waits until <paramref name="events"/> events are applied and every sample and label they queued for a trainer is
    /// in it: entity grains keep samples until a batch fills or their state is written, and send them one way.
    /// </summary>
    public async Task SettleAsync(long events, CancellationToken cancellationToken)
    {
        await WaitForEventsAsync(events, cancellationToken);
        await WaitWhileProgressingAsync(() => _traffic.Pending, pending => pending == 0, "samples and labels not yet at their trainers", cancellationToken);
    }

    /// <summary>
    /// Retrains, one after the other in name order, every model whose trainer took in samples or labels since it last
    /// trained here (and holds at least <see cref="TrainerOptions.MinimumSamples"/>), and waits until this silo's model
    /// cache scores with each model's current version. Call after <see cref="SettleAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<TrainingOutcome>> TrainChangedAsync(string reason, CancellationToken cancellationToken)
    {
        var outcomes = new List<TrainingOutcome>();
        foreach (var (name, taken) in _traffic.DeliveredByModel.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (_trainedAt.TryGetValue(name, out var trainedAt) && trainedAt == taken)
            {
                continue;
            }

            var trainer = _grains.GetGrain<ITrainerGrain>(name);
            if ((await trainer.GetStatusAsync()).Samples < _minimumSamples)
            {
                continue;
            }

            _trainedAt[name] = taken;
            outcomes.Add(await TrainAsync(trainer, reason, cancellationToken));
            await WaitForCurrentVersionAsync(name, cancellationToken);
        }

        return outcomes;
    }

    private static async Task<TrainingOutcome> TrainAsync(ITrainerGrain trainer, string reason, CancellationToken cancellationToken)
    {
        try
        {
            return await trainer.RetrainAsync(reason);
        }
        catch (TimeoutException)
        {
            // Orleans stopped waiting for the answer (its response timeout); the trainer trains on and records the outcome.
            while (true)
            {
                var status = await trainer.GetStatusAsync();
                if (!status.Training && status.LastOutcome is { } outcome)
                {
                    return outcome;
                }

                await Task.Delay(_poll, cancellationToken);
            }
        }
    }

    /// <summary>Waits until this silo's model cache scores <paramref name="name"/> with the model grain's current version.</summary>
    private async Task WaitForCurrentVersionAsync(string name, CancellationToken cancellationToken)
    {
        var current = (await _grains.GetGrain<IModelGrain>(name).DescribeAsync()).CurrentVersion;
        if (current == 0)
        {
            return;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_swapTimeout);
        try
        {
            // LoadAsync asks the model grain again each time, so a lost notification does not wait for the cache's renewal.
            while ((await _models.LoadAsync(name))?.ModelVersion != current)
            {
                await Task.Delay(_poll, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"this silo's model cache did not score {name} with its current version {current} within {_swapTimeout.TotalMinutes:0} minutes");
        }
    }

    private async Task WaitWhileProgressingAsync(Func<long> read, Func<long, bool> done, string what, CancellationToken cancellationToken)
    {
        var stalled = System.Diagnostics.Stopwatch.StartNew();
        var last = read();
        while (!done(last))
        {
            if (stalled.Elapsed > _stallTimeout)
            {
                await log.WriteLineAsync($"  warning: no progress in {what} for {_stallTimeout.TotalSeconds:0} s (at {last}); going on, so this replay may not repeat exactly");
                return;
            }

            await Task.Delay(_poll, cancellationToken);
            var now = read();
            if (now != last)
            {
                last = now;
                stalled.Restart();
            }
        }
    }
}
