using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace SmeAi.Grains.Tests.Training;

/// <summary>The reminders a trainer has registered, read from the cluster's reminder table.</summary>
internal static class TrainerReminders
{
    public const string Schedule = "retrain-schedule";

    public static async Task<IReadOnlyList<ReminderEntry>> OfAsync(TestCluster cluster, IAddressable trainer) =>
        [.. (await TableOf(cluster).ReadRows(trainer.GetGrainId())).Reminders];

    /// <summary>Waits until the trainer has registered its schedule reminder (samples are one-way calls); fails after two minutes.</summary>
    public static async Task<ReminderEntry> WaitForScheduleAsync(TestCluster cluster, IAddressable trainer)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            if ((await OfAsync(cluster, trainer)).FirstOrDefault(r => r.ReminderName == Schedule) is { } reminder)
            {
                return reminder;
            }

            await Task.Delay(50, deadline.Token);
        }
    }

    /// <summary>Writes the schedule reminder into the table, as an earlier run of the silo with automatic retraining left it.</summary>
    public static Task LeaveScheduleAsync(TestCluster cluster, IAddressable trainer, TimeSpan period) =>
        TableOf(cluster).UpsertRow(new ReminderEntry
        {
            GrainId = trainer.GetGrainId(),
            ReminderName = Schedule,
            StartAt = DateTime.UtcNow.Add(period),
            Period = period,
        });

    private static IReminderTable TableOf(TestCluster cluster) =>
        ((InProcessSiloHandle)cluster.Silos[0]).SiloHost.Services.GetRequiredService<IReminderTable>();
}
