using Orleans.Configuration;
using SmeAi.Abstractions;
using SmeAi.Silo.Configuration;
using SmeAi.Silo.Kafka;
using SmeAi.Silo.Postgres;

namespace SmeAi.Silo.Hosting;

/// <summary>Configures the Orleans silo for the chosen <see cref="PlatformMode"/>.</summary>
internal static class OrleansSiloSetup
{
    /// <summary>Orleans' membership settings (probe timeouts and the like), e.g. <c>Orleans:Membership:ProbeTimeout</c>.</summary>
    public const string MembershipSection = "Orleans:Membership";

    public static void Configure(ISiloBuilder silo, SiloStartupPlan plan, IConfiguration configuration)
    {
        var options = plan.Silo;
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });
        silo.Configure<ClusterMembershipOptions>(configuration.GetSection(MembershipSection));
        silo.AddInputStreams();

        if (plan.Mode == PlatformMode.Embedded)
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
            silo.AddMemoryGrainStorage(StorageNames.Default);
            silo.AddMemoryGrainStorage(StorageNames.PubSub);
            silo.UseInMemoryReminderService();
            return;
        }

        var connectionString = plan.Postgres!.ConnectionString;
        silo.ConfigureEndpoints(plan.AdvertisedIp, options.SiloPort, options.GatewayPort);
        silo.UseAdoNetClustering(clustering =>
        {
            clustering.Invariant = PostgresConnection.Invariant;
            clustering.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorage(StorageNames.Default, storage =>
        {
            storage.Invariant = PostgresConnection.Invariant;
            storage.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorage(StorageNames.PubSub, storage =>
        {
            storage.Invariant = PostgresConnection.Invariant;
            storage.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(reminders =>
        {
            reminders.Invariant = PostgresConnection.Invariant;
            reminders.ConnectionString = connectionString;
        });
    }
}
