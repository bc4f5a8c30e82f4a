namespace SmeAi.Abstractions.Statistics;

/// <summary>One silo's cumulative counts since it started.</summary>
[GenerateSerializer, Immutable]
public sealed record SiloStatistics(
    [property: Id(0)] string SiloAddress,
    [property: Id(1)] long EventsProcessed,
    [property: Id(2)] DateTimeOffset ReportedAt);
