namespace SmeAi.Grains.Entities;

/// <summary>A customer's habits: daily activity over the last <see cref="CustomerFeatures.WindowDays"/> days, in event time.</summary>
[GenerateSerializer]
public sealed class CustomerState : EntityStreamState
{
    [Id(0)]
    public List<CustomerDay> Days { get; set; } = [];

    [Id(1)]
    public DateTimeOffset? FirstSeen { get; set; }

    [Id(2)]
    public DateTimeOffset? LastLogin { get; set; }

    /// <summary>The <c>contract</c> attribute last seen (month-to-month, one-year, two-year).</summary>
    [Id(3)]
    public string? Contract { get; set; }

    /// <summary>The attributes of the customer's <c>profile</c> events, newest value per name (<see cref="CustomerProfile"/>).</summary>
    [Id(4)]
    public Dictionary<string, string> Profile { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One day of a customer's activity.</summary>
[GenerateSerializer]
public sealed class CustomerDay
{
    [Id(0)]
    public DateOnly Day { get; set; }

    [Id(1)]
    public int Logins { get; set; }

    [Id(2)]
    public int Purchases { get; set; }

    [Id(3)]
    public double Amount { get; set; }

    [Id(4)]
    public int Tickets { get; set; }

    [Id(5)]
    public int Complaints { get; set; }

    [Id(6)]
    public int PaymentFailures { get; set; }

    [Id(7)]
    public int PageViews { get; set; }
}
