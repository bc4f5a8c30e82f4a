using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Dashboard;
using SmeAi.Grains;
using SmeAi.Grains.Alerts;
using SmeAi.Grains.Diagnostics;
using SmeAi.Grains.Entities;
using SmeAi.Grains.Models;
using SmeAi.Grains.Training;
using SmeAi.Grains.Statistics;
using SmeAi.Silo.Apis;
using SmeAi.Silo.Clustering;
using SmeAi.Silo.Configuration;
using SmeAi.Silo.Health;
using SmeAi.Silo.Kafka;
using SmeAi.Silo.Outputs;
using SmeAi.Silo.Postgres;
using SmeAi.Silo.Privacy;
using SmeAi.Silo.Security;
using SmeAi.Silo.Simulation;
using SmeAi.Simulator;

namespace SmeAi.Silo.Hosting;

/// <summary>
/// The silo's whole life: read and check the configuration, prepare PostgreSQL, start Orleans,
/// the API and the dashboard, and turn operator-fixable failures into one line and exit code 1.
/// </summary>
public static partial class SiloProgram
{
    public const int ExitConfigurationError = 1;

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var app = await BuildAsync(args, cancellationToken);
            await app.RunAsync(cancellationToken);
            return 0;
        }
        catch (Exception ex) when (StartupFailure.Describe(ex) is { } line)
        {
            await Console.Error.WriteLineAsync($"smeai-silo: error: {line}");
            return ExitConfigurationError;
        }
    }

    public static Task<WebApplication> BuildAsync(string[] args, CancellationToken cancellationToken = default) =>
        BuildAsync(args, SiloConfigurationScope.Operator, cancellationToken);

    /// <param name="scope">Whether the configuration may come from environment variables (<see cref="SiloConfigurationScope"/>).</param>
    public static async Task<WebApplication> BuildAsync(string[] args, SiloConfigurationScope scope, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var configDirectory = builder.Configuration.AddSmeAiSources(builder.Environment.EnvironmentName, args, scope);

        var plan = SiloStartupPlan.FromConfiguration(builder.Configuration, configDirectory);
        plan.EnsurePortsFree();
        if (plan.Postgres is { } postgres)
        {
            await PrepareDatabaseAsync(builder, plan, postgres, cancellationToken);
        }

        builder.WebHost.UseUrls(plan.Silo.HttpUrl);
        builder.Services.AddSingleton(plan);
        builder.Services.AddSingleton<IValidateOptions<SiloHostOptions>, SiloHostOptionsValidator>();
        builder.Services.AddOptions<SiloHostOptions>().BindConfiguration(SiloHostOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SiloEventCounter>();
        builder.Services.AddSingleton(ApiKeySetup.CreateAuthority(builder.Configuration, plan.Mode));
        builder.Services.AddSingleton<ModelArtifactSerializer>();
        builder.Services.AddSingleton<ModelCache>();
        builder.Services.AddSingleton<ScoringMetrics>();
        builder.Services.AddPlatformTelemetry();
        builder.Services.AddOpenApi();
        builder.Services.AddSiloApis();
        builder.Services.AddSingleton<TrainingRunner>();
        builder.Services.AddSiloStopSignal();
        builder.Services.AddSingleton<TrainerTraffic>();
        builder.Services.AddSingleton<TrainerSampleFilters>();
        builder.Services.AddOptions<TrainerOptions>().BindConfiguration(TrainerOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TrainerOptions>, TrainerOptionsValidator>();
        builder.Services.AddOptions<EntityGrainOptions>().BindConfiguration(EntityGrainOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<EntityGrainOptions>, EntityGrainOptionsValidator>();
        builder.Services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AlertOptions>, AlertOptionsValidator>();
        builder.Services.AddSingleton<EntityScoringServices>();
        builder.Services.AddKafkaEndpoint(builder.Configuration);
        builder.Services.AddPseudonymisation();
        builder.Services.AddSiloHealthChecks(plan);
        builder.Services.AddOutputs(plan);
        builder.UseOrleans(silo =>
        {
            OrleansSiloSetup.Configure(silo, plan, builder.Configuration);
            silo.AddDashboard();
        });
        builder.Services.AddHostedService<SiloStatisticsReporter>();
        builder.Services.AddHostedService<StartupBanner>();
        if (plan.Mode != PlatformMode.Embedded)
        {
            // Only a cluster on PostgreSQL has other silos to lose.
            builder.Services.AddHostedService<CrashedSiloDetector>();
        }
        builder.Services.AddOptions<EmbeddedSimulatorOptions>().BindConfiguration(EmbeddedSimulatorOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<EmbeddedSimulatorOptions>, EmbeddedSimulatorOptionsValidator>();
        builder.Services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>();
        builder.Services.AddHostedService<EmbeddedSimulatorService>();

        var app = builder.Build();
        await PreflightAsync(app);

        // Once started, the metrics exporter listens: from then on every domain's scored-events series exists, at 0.
        var scoring = app.Services.GetRequiredService<ScoringMetrics>();
        app.Lifetime.ApplicationStarted.Register(scoring.ReportZeroCounts);
        app.UseApiExceptionHandler();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapSiloHealthChecks();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapOpenApi();
        app.MapOrleansDashboard("/orleans").RequireApiKeyFromBrowser();
        app.MapSystemApi();
        app.MapModelsApi();
        app.MapEntitiesApi();
        app.MapAlertsApi();
        return app;
    }

    /// <summary>
    /// Binds and validates every option before anything starts (<see cref="ConfigurationPreflight"/>), for the silo
    /// process and the CLI's in-process silo alike; a silo that fails it is disposed before the error goes up.
    /// </summary>
    private static async Task PreflightAsync(WebApplication app)
    {
        try
        {
            ConfigurationPreflight.Run(app.Services);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static async Task PrepareDatabaseAsync(WebApplicationBuilder builder, SiloStartupPlan plan, NpgsqlConnectionStringBuilder postgres, CancellationToken cancellationToken)
    {
        // The host's logging does not exist yet; schema work logs through a short-lived factory with the same settings.
        using var loggerFactory = LoggerFactory.Create(logging => logging
            .AddConfiguration(builder.Configuration.GetSection("Logging"))
            .AddSimpleConsole(console => console.SingleLine = true));
        var applier = new PostgresSchemaApplier(postgres, plan.SqlDirectory, loggerFactory.CreateLogger<PostgresSchemaApplier>());
        await applier.ApplyAsync(cancellationToken);
    }
}
