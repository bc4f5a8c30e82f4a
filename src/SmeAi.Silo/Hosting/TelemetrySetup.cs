using OpenTelemetry.Metrics;
using SmeAi.Grains.Diagnostics;
using SmeAi.Silo.Outputs;

namespace SmeAi.Silo.Hosting;

/// <summary><c>GET /metrics</c> in Prometheus format, from the platform's meters and Orleans' own.</summary>
internal static class TelemetrySetup
{
    /// <summary>The Kafka stream provider's meter (events read, delivered, dead-lettered, lost; lag; cache pressure).</summary>
    public const string KafkaMeter = "SmeAi.Streaming.Kafka";

    public static IServiceCollection AddPlatformTelemetry(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(KafkaMeter, ScoringMetrics.MeterName, OutputMetrics.MeterName, "Microsoft.Orleans")
            .AddPrometheusExporter());
        return services;
    }
}
