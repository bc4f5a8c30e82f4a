using SmeAi.Abstractions.Statistics;

namespace SmeAi.Grains.Statistics;

/// <summary>
/// Keeps the latest report per silo in memory. Reports are cumulative, so a reactivation elsewhere
/// is whole again after one reporting period of every live silo.
/// </summary>
public sealed class ClusterStatisticsGrain : Grain, IClusterStatisticsGrain
{
    private readonly Dictionary<string, SiloStatistics> _latestBySilo = new(StringComparer.Ordinal);

    public Task ReportAsync(SiloStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        _latestBySilo[statistics.SiloAddress] = statistics;
        return Task.CompletedTask;
    }

    public Task<ClusterStatistics> GetAsync()
    {
        var silos = _latestBySilo.Values.OrderBy(s => s.SiloAddress, StringComparer.Ordinal).ToList();
        return Task.FromResult(new ClusterStatistics(silos.Sum(s => s.EventsProcessed), silos));
    }
}
