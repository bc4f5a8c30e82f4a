using Microsoft.Extensions.Options;
using Npgsql;
using SmeAi.Abstractions.Outputs;
using SmeAi.Grains.Alerts;
using SmeAi.Silo.Hosting;

namespace SmeAi.Silo.Outputs;

internal static class OutputServiceCollectionExtensions
{
    /// <summary>
    /// The output side: the grains' <see cref="IOutputSink"/>, the writer to Kafka, the alert store (PostgreSQL when
    /// configured, memory in embedded mode) and its retention sweep. Call before UseOrleans, so it stops after the silo.
    /// </summary>
    public static IServiceCollection AddOutputs(this IServiceCollection services, SiloStartupPlan plan)
    {
        services.AddOptions<OutputOptions>().BindConfiguration(OutputOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OutputOptions>, OutputOptionsValidator>();
        services.AddSingleton<OutputQueue>();
        services.AddSingleton<IOutputSink>(provider => provider.GetRequiredService<OutputQueue>());
        services.AddSingleton<OutputMetrics>();
        if (plan.Postgres is { } postgres)
        {
            services.AddSingleton(_ => NpgsqlDataSource.Create(postgres));
            services.AddSingleton<IAlertStore, PostgresAlertStore>();
        }
        else
        {
            services.AddSingleton<IAlertStore, MemoryAlertStore>();
        }

        services.AddHostedService<OutputWriter>();
        services.AddHostedService<AlertRetentionService>();
        return services;
    }
}
