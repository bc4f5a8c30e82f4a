using OpenTelemetry.Metrics;
using SmeAi.Grains.Diagnostics;
using SmeAi.Silo.Outputs;

namespace SmeAi.Silo.Hosting;

/// <summary><c>GET /metrics</c> in Prometheus format, from the platform's meters and Orleans' own.</summary>
internal static class TelemetrySetup
{
    /// <summary>The Kafka stream provider's meter (events read, delivered, dead-lettered, lost; lag; cache pressure).</summary>
    public const string KafkaMeter = "SmeAi.Streaming.Kafka";

    /// <summary>
    /// Most tag combinations kept per metric. OpenTelemetry allocates every metric's points up front (2,000 by default,
    /// about 40 MB over the ~280 metric streams of a silo); the platform's tags (topic, partition, domain, grain type)
    /// stay far below this, and anything beyond it is still counted, under an overflow tag.
    /// </summary>
    public const int CardinalityLimit = 512;

    public static IServiceCollection AddPlatformTelemetry(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(KafkaMeter, ScoringMetrics.MeterName, OutputMetrics.MeterName, "Microsoft.Orleans")
            .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = CardinalityLimit })
            .AddPrometheusExporter());
        return services;
    }
}
