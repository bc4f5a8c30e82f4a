using SmeAi.Silo.Configuration;
using SmeAi.Silo.Kafka;
using SmeAi.Silo.Security;

namespace SmeAi.Silo.Hosting;

/// <summary>Tells the operator, once the silo is up, where to look and what kind of deployment this is.</summary>
internal sealed partial class StartupBanner(
    IHostApplicationLifetime lifetime,
    SiloStartupPlan plan,
    KafkaEndpoint kafka,
    ApiKeyAuthority apiKey,
    ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            if (plan.Mode == PlatformMode.Embedded)
            {
                LogNotDurable(logger);
            }

            if (apiKey.IsGenerated)
            {
                // Printed once, to the console only: log sinks never see the key.
                Console.Out.WriteLine($"API key: {apiKey.Key}");
            }
            else if (!apiKey.IsConfigured)
            {
                LogNoApiKey(logger);
            }

            var kafkaKind = kafka.IsEmbedded ? "embedded broker in this process" : "external";
            var httpUrl = plan.Silo.HttpUrl.TrimEnd('/');
            LogKafka(logger, kafka.BootstrapServers, kafkaKind);
            LogReady(logger, plan.Mode, httpUrl);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning,
        Message = "Embedded mode: grain state, reminders and models live in memory and are lost when this process stops. Set ConnectionStrings:Postgres for durable state.")]
    private static partial void LogNotDurable(ILogger logger);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning,
        Message = "No API key configured (Security:ApiKey): retrain, promote, rollback and delete answer 401 until one is set.")]
    private static partial void LogNoApiKey(ILogger logger);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Kafka bootstrap: {BootstrapServers} ({Kind})")]
    private static partial void LogKafka(ILogger logger, string bootstrapServers, string kind);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "SmeAi silo is running in {Mode} mode. Dashboard and API: {HttpUrl}/ (health: {HttpUrl}/health)")]
    private static partial void LogReady(ILogger logger, PlatformMode mode, string httpUrl);
}
