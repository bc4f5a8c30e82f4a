using Orleans.Runtime;
using SmeAi.Abstractions.Statistics;
using SmeAi.Silo.Configuration;
using SmeAi.Silo.Hosting;
using SmeAi.Silo.Kafka;

namespace SmeAi.Silo.Apis;

/// <summary>
/// <c>GET /api/system</c>: what this deployment is, how much it has done, and how far behind Kafka it is (the consumer lag
/// of the active silos, as each reported it within the last couple of seconds).
/// </summary>
internal static class SystemApi
{
    public static IEndpointRouteBuilder MapSystemApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/system", GetSystemAsync).WithName("GetSystem").WithTags("System");
        return app;
    }

    private static async Task<SystemResponse> GetSystemAsync(
        SiloStartupPlan plan,
        IClusterMembershipService membership,
        ILocalSiloDetails localSilo,
        KafkaEndpoint kafka,
        IGrainFactory grains)
    {
        var statistics = await grains.GetGrain<IClusterStatisticsGrain>(0).GetAsync();
        var silos = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.SiloAddress.ToParsableString())
            .Order(StringComparer.Ordinal)
            .ToList();

        // A dead silo's last report stays in the statistics grain; its partitions are read (and lag) elsewhere now.
        var consumerLag = statistics.Silos.Where(s => silos.Contains(s.SiloAddress, StringComparer.Ordinal)).Sum(s => s.ConsumerLag);

        return new SystemResponse(
            Mode: plan.Mode == PlatformMode.Embedded ? "embedded" : "postgres",
            Silo: localSilo.SiloAddress.ToParsableString(),
            Silos: silos,
            KafkaBootstrap: kafka.BootstrapServers,
            KafkaEmbedded: kafka.IsEmbedded,
            EventsProcessed: statistics.EventsProcessed,
            ConsumerLag: consumerLag);
    }

    internal sealed record SystemResponse(
        string Mode,
        string Silo,
        IReadOnlyList<string> Silos,
        string KafkaBootstrap,
        bool KafkaEmbedded,
        long EventsProcessed,
        long ConsumerLag);
}
