namespace SmeAi.Simulator.Customers;

/// <summary>Settings of <see cref="CustomerSimulator"/>. Bound from <c>Simulator:Customers</c>.</summary>
public sealed class CustomerSimulatorOptions
{
    /// <summary>Whether a combined simulation includes the customer base. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seed; the same seed and options give the same events. Default 1.</summary>
    public long Seed { get; set; } = 1;

    /// <summary>Event time of the simulation's start. Default 2026-01-05T00:00:00Z.</summary>
    public DateTimeOffset Start { get; set; } = SimulationDefaults.Start;

    /// <summary>Simulated span; must hold a healthy period and a full decline. Default 120 days.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromDays(120);

    /// <summary>Number of customers, named <c>IdPrefix</c> + 1, 2, .... Default 200.</summary>
    public int CustomerCount { get; set; } = 200;

    /// <summary>
    /// Expected fraction of customers who cancel during the run. Month-to-month contracts and short tenures churn
    /// more often, two-year contracts least. Default 0.2.
    /// </summary>
    public double ChurnRate { get; set; } = 0.2;

    /// <summary>
    /// Fraction of customers already declining at <see cref="Start"/>: each is somewhere in a decline of
    /// <see cref="MinDecline"/> to <see cref="MaxDecline"/> and cancels before it ends, as in a customer base observed
    /// mid-life rather than at launch. They come on top of the <see cref="ChurnRate"/> churners, drawn from the others.
    /// Default 0 (everyone starts healthy).
    /// </summary>
    public double DecliningAtStart { get; set; }

    /// <summary>Shortest decline (falling engagement, tickets, payment failures) before a cancel, at most 3650 days. Default 21 days.</summary>
    public TimeSpan MinDecline { get; set; } = TimeSpan.FromDays(21);

    /// <summary>Longest decline before a cancel, at most 3650 days. Default 56 days.</summary>
    public TimeSpan MaxDecline { get; set; } = TimeSpan.FromDays(56);

    /// <summary>Every customer behaves normally at least this long after the start; at most 3650 days. Default 14 days.</summary>
    public TimeSpan MinHealthyPeriod { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Median logins per week of an engaged customer (each customer's own rate varies around it). Default 5.</summary>
    public double LoginsPerWeek { get; set; } = 5;

    /// <summary>Prefix of customer ids. Default <c>c-</c>.</summary>
    public string IdPrefix { get; set; } = "c-";
}
