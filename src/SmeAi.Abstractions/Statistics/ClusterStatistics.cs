namespace SmeAi.Abstractions.Statistics;

/// <summary>The sum of the latest report of every silo that has reported since this grain activated.</summary>
[GenerateSerializer, Immutable]
public sealed record ClusterStatistics(
    [property: Id(0)] long EventsProcessed,
    [property: Id(1)] IReadOnlyList<SiloStatistics> Silos);
