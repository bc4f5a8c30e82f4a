using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using SmeAi.Silo.Hosting;

namespace SmeAi.Silo.Health;

/// <summary>
/// <c>/health</c> (liveness: the silo is active in its cluster; what a container runtime restarts on) and
/// <c>/health/ready</c> (readiness: also the Kafka cluster and, in PostgreSQL mode, the database answer; what a load
/// balancer or an operator asks). A dependency's outage makes the silo not ready, never not alive: restarting it
/// would not bring Kafka back, and would lose its in-memory state for nothing.
/// </summary>
internal static class HealthEndpoints
{
    private const string Live = "live";
    private const string Ready = "ready";

    public static IServiceCollection AddSiloHealthChecks(this IServiceCollection services, SiloStartupPlan plan)
    {
        // One admin client for every check, disposed with the host: AddCheck<T> would otherwise build one per request.
        services.AddSingleton<KafkaHealthCheck>();
        var checks = services.AddHealthChecks()
            .AddCheck<SiloActiveHealthCheck>("orleans-silo", tags: [Live, Ready])
            .AddCheck<KafkaHealthCheck>("kafka", tags: [Ready]);
        if (plan.Postgres is { } postgres)
        {
            checks.AddTypeActivatedCheck<PostgresHealthCheck>("postgres", failureStatus: null, tags: [Ready], args: postgres);
        }

        return services;
    }

    public static void MapSiloHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Live) });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready),
            ResponseWriter = HealthReportJson.WriteAsync,
        });
    }
}
