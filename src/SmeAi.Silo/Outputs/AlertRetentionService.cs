using Microsoft.Extensions.Options;
using SmeAi.Abstractions.Outputs;

namespace SmeAi.Silo.Outputs;

/// <summary>Deletes stored alerts older than <see cref="OutputOptions.AlertRetention"/>, every <see cref="OutputOptions.RetentionSweepInterval"/>.</summary>
internal sealed partial class AlertRetentionService(
    IAlertStore store, IOptions<OutputOptions> options, TimeProvider time, ILogger<AlertRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionSweepInterval, time);
        do
        {
            try
            {
                var removed = await store.DeleteOlderThanAsync(time.GetUtcNow() - options.Value.AlertRetention, stoppingToken);
                if (removed > 0)
                {
                    LogRemoved(removed, options.Value.AlertRetention);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "Retention removed {Count} alerts older than {Retention}")]
    private partial void LogRemoved(int count, TimeSpan retention);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Warning, Message = "Alert retention sweep failed; it runs again at the next interval")]
    private partial void LogSweepFailed(Exception exception);
}
