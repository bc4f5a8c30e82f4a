namespace SmeAi.Abstractions.Statistics;

/// <summary>
/// Cluster-wide counters. Each silo reports its own cumulative counts every few seconds; readers get
/// the sum without a fan-out call to every silo. Use key 0.
/// </summary>
public interface IClusterStatisticsGrain : IGrainWithIntegerKey
{
    Task ReportAsync(SiloStatistics statistics);

    Task<ClusterStatistics> GetAsync();
}
