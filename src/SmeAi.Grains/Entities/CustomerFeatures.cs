using SmeAi.Abstractions.Events;

namespace SmeAi.Grains.Entities;

/// <summary>
/// Turns a customer's event-time windows into the churn model's features: recent engagement against
/// the customer's own earlier weeks, spending, friction (tickets, complaints, failed payments), tenure
/// and contract, then the customer's profile attributes (<see cref="CustomerProfile"/>). Events later than the window's newest day by more than the window are not expected;
/// late events within the window still land on their own day.
/// </summary>
public static class CustomerFeatures
{
    public const int WindowDays = 28;

    /// <summary>The features computed from the customer's events, before the profile block.</summary>
    public static readonly IReadOnlyList<string> BehaviourNames =
    [
        "logins_7d", "logins_prior_weekly", "login_trend", "page_views_7d", "purchases_28d", "amount_28d",
        "tickets_28d", "complaints_28d", "payment_failures_28d", "days_since_login", "tenure_days", "month_to_month",
    ];

    public static readonly IReadOnlyList<string> Names = [.. BehaviourNames, .. CustomerProfile.Names];

    public static void Apply(CustomerState state, CustomerEvent item)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(item);
        state.FirstSeen = state.FirstSeen is { } first && first <= item.Ts ? first : item.Ts;
        if (item.Attributes?.TryGetValue("contract", out var contract) == true)
        {
            state.Contract = contract;
        }

        if (item.Type == "profile")
        {
            CustomerProfile.Merge(state.Profile, item.Attributes);
        }

        var day = DayOf(state, DateOnly.FromDateTime(item.Ts.UtcDateTime));
        switch (item.Type)
        {
            case "login":
                day.Logins++;
                state.LastLogin = state.LastLogin is { } last && last >= item.Ts ? last : item.Ts;
                break;
            case "page_view":
                day.PageViews++;
                break;
            case "purchase":
                day.Purchases++;
                day.Amount += item.Amount ?? 0;
                break;
            case "support_ticket":
                day.Tickets++;
                break;
            case "complaint":
                day.Complaints++;
                break;
            case "payment_failed":
                day.PaymentFailures++;
                break;
        }

        var newest = state.Days.Max(d => d.Day);
        state.Days.RemoveAll(d => d.Day < newest.AddDays(-WindowDays + 1));
    }

    /// <summary>The feature row at <paramref name="now"/> (event time), ordered as <see cref="Names"/>.</summary>
    public static float[] Row(CustomerState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var lastWeek = state.Days.Where(d => d.Day > today.AddDays(-7)).ToList();
        var prior = state.Days.Where(d => d.Day <= today.AddDays(-7)).ToList();
        var priorWeeks = Math.Max(1, (WindowDays - 7) / 7);
        float logins7 = lastWeek.Sum(d => d.Logins);
        var priorWeekly = (float)prior.Sum(d => d.Logins) / priorWeeks;
        float[] behaviour =
        [
            logins7,
            priorWeekly,
            (logins7 + 1) / (priorWeekly + 1),
            lastWeek.Sum(d => d.PageViews),
            state.Days.Sum(d => d.Purchases),
            (float)state.Days.Sum(d => d.Amount),
            state.Days.Sum(d => d.Tickets),
            state.Days.Sum(d => d.Complaints),
            state.Days.Sum(d => d.PaymentFailures),
            state.LastLogin is { } login ? (float)Math.Max(0, (now - login).TotalDays) : WindowDays,
            state.FirstSeen is { } first ? (float)Math.Max(0, (now - first).TotalDays) : 0,
            state.Contract == "month-to-month" ? 1 : 0,
        ];
        var row = new float[Names.Count];
        behaviour.CopyTo(row, 0);
        CustomerProfile.Encode(state.Profile, row.AsSpan(behaviour.Length));
        return row;
    }

    private static CustomerDay DayOf(CustomerState state, DateOnly date)
    {
        var day = state.Days.Find(d => d.Day == date);
        if (day is null)
        {
            day = new CustomerDay { Day = date };
            state.Days.Add(day);
        }

        return day;
    }
}
