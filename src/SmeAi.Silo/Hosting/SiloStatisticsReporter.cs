using Orleans.Runtime;
using SmeAi.Abstractions.Statistics;
using SmeAi.Grains.Statistics;
using SmeAi.Silo.Kafka;

namespace SmeAi.Silo.Hosting;

/// <summary>Sends this silo's cumulative counters and its consumer lag to the cluster statistics grain every couple of seconds.</summary>
internal sealed partial class SiloStatisticsReporter(
    IGrainFactory grains,
    ILocalSiloDetails localSilo,
    SiloEventCounter counter,
    ConsumerLagReader lag,
    TimeProvider time,
    ILogger<SiloStatisticsReporter> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        var statisticsGrain = grains.GetGrain<IClusterStatisticsGrain>(0);
        var silo = localSilo.SiloAddress.ToParsableString();
        do
        {
            try
            {
                await statisticsGrain.ReportAsync(new SiloStatistics(silo, counter.EventsProcessed, time.GetUtcNow(), lag.Read()));
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException or SiloUnavailableException)
            {
                // The grain may be moving between silos; the next report carries the same cumulative figure.
                LogReportFailed(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Debug, Message = "Statistics report failed, retrying next period: {Reason}")]
    private static partial void LogReportFailed(ILogger logger, string reason);
}
