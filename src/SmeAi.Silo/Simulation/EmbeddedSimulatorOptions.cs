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

    /// <summary>
    /// The customers' history before the live start, produced at once when the feed starts (as a business
    /// would load its CRM history), so the churn model has cancellations to learn from within minutes instead
    /// of after weeks of simulated time. It also fills the customers' 28-day feature windows. Zero starts the
    /// customers with the other domains. Default 28 days.
    /// </summary>
    public TimeSpan CustomerHistory { get; set; } = TimeSpan.FromDays(28);

    /// <summary>
    /// Replaces <c>Simulator:Customers:DecliningAtStart</c> in embedded mode: the share of customers already on their
    /// way out when the history starts, so enough of them cancel within it. Default 0.4.
    /// </summary>
    public double CustomersDecliningAtStart { get; set; } = 0.4;
}
