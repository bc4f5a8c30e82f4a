namespace SmeAi.Abstractions.Statistics;

/// <summary>One silo's cumulative counts since it started, and its Kafka consumer lag when it reported.</summary>
/// <param name="ConsumerLag">Events on Kafka beyond the checkpoint of the partitions this silo reads.</param>
[GenerateSerializer, Immutable]
public sealed record SiloStatistics(
    [property: Id(0)] string SiloAddress,
    [property: Id(1)] long EventsProcessed,
    [property: Id(2)] DateTimeOffset ReportedAt,
    [property: Id(3)] long ConsumerLag = 0);
