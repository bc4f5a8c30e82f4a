using SmeAi.Abstractions.Events;

namespace SmeAi.Grains.Entities;

/// <summary>
/// Turns a customer's event-time windows into the churn model's features: recent engagement against
/// the customer's own earlier weeks, spending, friction (tickets, complaints, failed payments), tenure
/// and contract, then the customer's profile attributes (<see cref="CustomerProfile"/>). Late events land on their own day.
/// The window is kept and read relative to the event at hand, and an event far past the newest day prunes nothing: one
/// event dated years ahead (accepted by validation) would otherwise remove every real day as soon as it was made.
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

        var today = DateOnly.FromDateTime(item.Ts.UtcDateTime);
        var newestBefore = state.Days.Count == 0 ? today : state.Days.Max(d => d.Day);
        var day = DayOf(state, today);
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

        // An event more than a window past the newest day prunes nothing: a wrong clock's would remove every real day.
        // After a real gap the next event prunes, and Row reads only the window around its own time meanwhile.
        if (today <= newestBefore.AddDays(WindowDays))
        {
            state.Days.RemoveAll(d => d.Day < today.AddDays(-WindowDays + 1));
        }
    }

    /// <summary>The feature row at <paramref name="now"/> (event time), ordered as <see cref="Names"/>.</summary>
    public static float[] Row(CustomerState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var window = state.Days.Where(d => d.Day > today.AddDays(-WindowDays) && d.Day <= today).ToList();
        var lastWeek = window.Where(d => d.Day > today.AddDays(-7)).ToList();
        var prior = window.Where(d => d.Day <= today.AddDays(-7)).ToList();
        var priorWeeks = Math.Max(1, (WindowDays - 7) / 7);
        float logins7 = lastWeek.Sum(d => d.Logins);
        var priorWeekly = (float)prior.Sum(d => d.Logins) / priorWeeks;
        float[] behaviour =
        [
            logins7,
            priorWeekly,
            (logins7 + 1) / (priorWeekly + 1),
            lastWeek.Sum(d => d.PageViews),
            window.Sum(d => d.Purchases),
            (float)window.Sum(d => d.Amount),
            window.Sum(d => d.Tickets),
            window.Sum(d => d.Complaints),
            window.Sum(d => d.PaymentFailures),
            LastLoginBy(state, window, now) is { } login ? (float)(now - login).TotalDays : WindowDays,
            state.FirstSeen is { } first ? (float)Math.Max(0, (now - first).TotalDays) : 0,
            state.Contract == "month-to-month" ? 1 : 0,
        ];
        var row = new float[Names.Count];
        behaviour.CopyTo(row, 0);
        CustomerProfile.Encode(state.Profile, row.AsSpan(behaviour.Length));
        return row;
    }

    /// <summary>
    /// The latest login at or before <paramref name="now"/>: the one recorded if it is not ahead of now (a late event, or
    /// one dated ahead by a wrong clock), else the start of the latest day in the window with a login.
    /// </summary>
    private static DateTimeOffset? LastLoginBy(CustomerState state, List<CustomerDay> window, DateTimeOffset now)
    {
        if (state.LastLogin is { } login && login <= now)
        {
            return login;
        }

        var latestDay = window.Where(d => d.Logins > 0).Select(d => (DateOnly?)d.Day).Max();
        return latestDay is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
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
