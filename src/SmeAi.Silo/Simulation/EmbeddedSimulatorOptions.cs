namespace SmeAi.Silo.Simulation;

/// <summary>The demo feed of embedded mode. Bound from <c>Simulator:Embedded</c>.</summary>
public sealed class EmbeddedSimulatorOptions
{
    public const string SectionName = "Simulator:Embedded";

    /// <summary>
    /// Run the simulator when the silo uses its embedded broker, so the dashboard shows live results
    /// within a minute. Never runs against an external Kafka. Default true.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Events per second produced. Default 200.</summary>
    public double EventsPerSecond { get; set; } = 200;
}
