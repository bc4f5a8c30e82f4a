namespace SmeAi.Simulator.Customers;

/// <summary>What the customer simulator planned for one customer.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Contract"><c>month-to-month</c>, <c>one-year</c> or <c>two-year</c>.</param>
/// <param name="Plan"><c>basic</c>, <c>standard</c> or <c>premium</c>.</param>
/// <param name="TenureMonths">Months as a customer at the simulation's start.</param>
/// <param name="LoginsPerWeek">The customer's usual login rate while engaged.</param>
/// <param name="IsChurner">True if the customer cancels during the run (the churn label).</param>
/// <param name="DeclineStart">When engagement starts to fall, for churners.</param>
/// <param name="CancelTime">Time of the <c>cancel</c> event, for churners.</param>
public sealed record CustomerTruth(
    string CustomerId,
    string Contract,
    string Plan,
    int TenureMonths,
    double LoginsPerWeek,
    bool IsChurner,
    DateTimeOffset? DeclineStart,
    DateTimeOffset? CancelTime)
{
    /// <summary>The <see cref="SimulatedEvent.TruthId"/> of a churner's events from <see cref="DeclineStart"/> on; null for stayers.</summary>
    public string? ChurnId => IsChurner ? $"{CustomerId}/churn" : null;
}
