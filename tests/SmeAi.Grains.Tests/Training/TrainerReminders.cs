using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace SmeAi.Grains.Tests.Training;

/// <summary>The reminders a trainer has registered, read from the cluster's reminder table.</summary>
internal static class TrainerReminders
{
    public const string Schedule = "retrain-schedule";

    public static async Task<IReadOnlyList<ReminderEntry>> OfAsync(TestCluster cluster, IAddressable trainer)
    {
        var table = ((InProcessSiloHandle)cluster.Silos[0]).SiloHost.Services.GetRequiredService<IReminderTable>();
        return [.. (await table.ReadRows(trainer.GetGrainId())).Reminders];
    }
}
