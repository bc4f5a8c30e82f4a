using SmeAi.Grains.Entities;

namespace SmeAi.LoadTests.Pipeline;

/// <summary>The anomaly model the machine grains score the load's telemetry with: the one of its four sensors.</summary>
internal static class LoadModel
{
    /// <summary>The load's sensor names in the order the grains build a feature row: sorted ordinally.</summary>
    public static IReadOnlyList<string> Sensors { get; } = ["pressure", "rpm", "temperature", "vibration"];

    public static string Name { get; } = MachineModelNames.For(Sensors);
}
