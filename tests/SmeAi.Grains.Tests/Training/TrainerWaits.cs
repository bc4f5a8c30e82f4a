using SmeAi.Abstractions.Training;

namespace SmeAi.Grains.Tests.Training;

/// <summary>Waits on a trainer's status: samples and labels arrive as one-way calls and trainings run in the background.</summary>
internal static class TrainerWaits
{
    // A training queues behind those of other test classes (one at a time per process).
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The trainer's status once <paramref name="condition"/> holds.</summary>
    public static async Task<TrainerStatus> WaitForStatusAsync(this ITrainerGrain trainer, Func<TrainerStatus, bool> condition, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            var status = await trainer.GetStatusAsync();
            if (condition(status))
            {
                return status;
            }

            await Task.Delay(50, deadline.Token);
        }
    }

    /// <summary>The status once a training finished (after <paramref name="after"/>, when given) and none is running.</summary>
    public static Task<TrainerStatus> WaitForOutcomeAsync(this ITrainerGrain trainer, DateTimeOffset? after = null) =>
        trainer.WaitForStatusAsync(s => s.LastOutcome is { } outcome && (after is null || outcome.FinishedAt > after) && !s.Training);
}
