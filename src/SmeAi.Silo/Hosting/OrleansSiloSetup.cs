using Orleans.Configuration;
using Orleans.Storage;
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

    /// <summary>Orleans' activation collection settings, e.g. <c>Orleans:GrainCollection:MemoryUsageLimitPercentage</c>.</summary>
    public const string GrainCollectionSection = "Orleans:GrainCollection";

    /// <summary>
    /// Memory usage (Orleans' measure: GC-committed memory less fragmentation, against what the process may use) at which
    /// the silo deactivates its least recently used grains, and the usage it sheds down to. Below the Kafka provider's
    /// reading pause (95%), so grains are shed before intake stops; a shed grain writes its state and is activated again
    /// by its next event, so nothing is lost.
    /// </summary>
    public const double SheddingLimitPercent = 90;

    public const double SheddingTargetPercent = 85;

    public static void Configure(ISiloBuilder silo, SiloStartupPlan plan, IConfiguration configuration)
    {
        var options = plan.Silo;
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });
        silo.Configure<ClusterMembershipOptions>(configuration.GetSection(MembershipSection));
        ConfigureGrainCollection(silo.Services, configuration);
        silo.AddInputStreams();
        // Alerts reach the live dashboard through an in-cluster stream; memory streams need no extra infrastructure.
        silo.AddMemoryStreams(StreamNames.AlertProvider);

        if (plan.Mode == PlatformMode.Embedded)
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
            foreach (var storage in new[] { StorageNames.Default, StorageNames.PubSub })
            {
                silo.Services.AddKeyedSingleton<IGrainStorage>(storage, (services, _) => new InProcessGrainStorage(services.GetRequiredService<Orleans.Serialization.Serializer>()));
            }

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
        UseOrleansSerializerFor<AdoNetGrainStorageOptions>(silo, StorageNames.Default);
    }

    /// <summary>
    /// Grain state is written with the Orleans serializer the state types are annotated for, not the
    /// default JSON one, which cannot read back immutable collections such as the models' metrics.
    /// </summary>
    private static void UseOrleansSerializerFor<TOptions>(ISiloBuilder silo, string name)
        where TOptions : class, IStorageProviderSerializerOptions =>
        silo.Services.AddOptions<TOptions>(name)
            .Configure<Orleans.Serialization.Serializer>((options, serializer) => options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));

    /// <summary>Activation shedding on by default, at <see cref="SheddingLimitPercent"/>; <c>Orleans:GrainCollection:*</c> over it.</summary>
    public static void ConfigureGrainCollection(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<GrainCollectionOptions>(collection =>
        {
            // A silo near its memory limit sheds idle grains rather than running out of memory (Orleans leaves this off).
            collection.EnableActivationSheddingOnMemoryPressure = true;
            collection.MemoryUsageLimitPercentage = SheddingLimitPercent;
            collection.MemoryUsageTargetPercentage = SheddingTargetPercent;
        });
        var section = configuration.GetSection(GrainCollectionSection);
        services.Configure<GrainCollectionOptions>(section);
        if (section[nameof(GrainCollectionOptions.MemoryUsageTargetPercentage)] is null)
        {
            // An operator who moves only the limit moves the target with it, rather than failing Orleans' target < limit.
            services.PostConfigure<GrainCollectionOptions>(collection =>
                collection.MemoryUsageTargetPercentage = Math.Min(
                    collection.MemoryUsageTargetPercentage, collection.MemoryUsageLimitPercentage - (SheddingLimitPercent - SheddingTargetPercent)));
        }
    }
}
