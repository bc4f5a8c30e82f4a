using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events;
using SmeAi.Simulator.Internal;

namespace SmeAi.Simulator.Customers;

/// <summary>
/// A subscription business's customer base. Each customer has habits (login rate and hours, page views, purchase
/// propensity and amounts, support needs, a contract and a plan). Churners keep their habits for a while, then over
/// weeks log in and buy less, open more support tickets and complaints, downgrade and fail payments, and finally send
/// <c>cancel</c>. Everyone sends a <c>profile</c> event (contract, plan, tenure) at the start and every 30 days.
/// </summary>
/// <remarks>Planned in the constructor (see <see cref="GroundTruth"/>); events are drawn lazily and deterministically.</remarks>
public sealed class CustomerSimulator : IEventSimulator
{
    internal const string MonthToMonth = "month-to-month";
    internal const string OneYear = "one-year";
    internal const string TwoYear = "two-year";

    private static readonly string[] _contracts = [MonthToMonth, OneYear, TwoYear];
    private static readonly double[] _contractShares = [0.5, 0.3, 0.2];
    private static readonly double[] _contractChurnWeights = [2.0, 0.6, 0.3];
    private static readonly string[] _plans = ["basic", "standard", "premium"];
    private static readonly double[] _planShares = [0.5, 0.35, 0.15];
    private static readonly double[] _planFees = [19.9, 39.9, 79.9];
    private static readonly string[] _ticketTopics = ["billing", "technical", "account", "delivery"];
    private static readonly string[] _cancelReasons = ["price", "service", "competitor", "no_longer_needed"];
    private static readonly string[] _paymentFailures = ["card_declined", "insufficient_funds", "expired_card"];
    private static readonly string[] _categories = ["accessories", "services", "upgrades", "consumables"];

    private readonly CustomerPlan[] _customers;
    private readonly long _seed;

    /// <exception cref="OptionsValidationException">The options are invalid; the message names each problem.</exception>
    public CustomerSimulator(CustomerSimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new CustomerSimulatorOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(CustomerSimulatorOptions), validation.Failures);
        }

        _seed = options.Seed;
        Start = options.Start;
        End = options.Start + options.Duration;
        _customers = Plan(options);
        GroundTruth = [.. _customers.Select(customer => customer.Truth)];
    }

    /// <summary>Event time of the first possible event.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Events are strictly before this time.</summary>
    public DateTimeOffset End { get; }

    /// <summary>Per customer: contract, plan, tenure, habits and the churn label with decline start and cancel time.</summary>
    public IReadOnlyList<CustomerTruth> GroundTruth { get; }

    public IEnumerable<SimulatedEvent> Events() => EventMerge.Merge([.. _customers.Select(CustomerEvents)]);

    private static CustomerPlan[] Plan(CustomerSimulatorOptions options)
    {
        var habits = new List<(Habits Habits, double ChurnWeight)>(options.CustomerCount);
        for (var i = 0; i < options.CustomerCount; i++)
        {
            var rng = SimRandom.For(options.Seed, "customers-plan", i);
            var contract = rng.PickWeighted(_contractShares);
            var plan = rng.PickWeighted(_planShares);
            var tenure = contract switch
            {
                0 => rng.Between(1, 36),
                1 => rng.Between(3, 60),
                _ => rng.Between(6, 96),
            };
            var customer = new Habits(
                i,
                $"{options.IdPrefix}{i + 1}",
                contract,
                plan,
                tenure,
                Math.Clamp(rng.LogNormal(options.LoginsPerWeek, 0.5), 0.5, 40),
                rng.Uniform(1.5, 5),
                rng.Uniform(0.03, 0.15),
                rng.Uniform(15, 80),
                rng.LogNormal(0.25, 0.6),
                rng.Between(1, 28),
                rng.Uniform(7, 21));
            habits.Add((customer, _contractChurnWeights[contract] * (tenure < 12 ? 1.5 : 1.0)));
        }

        var meanWeight = habits.Average(h => h.ChurnWeight);
        var end = options.Start + options.Duration;
        return [.. habits.Select(h =>
        {
            var (declineStart, cancel) = DecliningAtStart(options, h.Habits.Index)
                ?? ChurnLater(options, h.Habits.Index, h.ChurnWeight / meanWeight, end);
            var churns = cancel is not null;

            var c = h.Habits;
            var truth = new CustomerTruth(
                c.Id, _contracts[c.Contract], _plans[c.Plan], c.TenureMonths, c.LoginsPerWeek, churns, declineStart, cancel);
            return new CustomerPlan(c, truth);
        })];
    }

    /// <summary>For a customer drawn as already declining at the start: its decline start (before the start) and cancel time.</summary>
    private static (DateTimeOffset?, DateTimeOffset?)? DecliningAtStart(CustomerSimulatorOptions options, int index)
    {
        // Its own generator, so that the default settings (none declining) plan exactly as before.
        var rng = SimRandom.For(options.Seed, "customers-declining", index);
        if (options.DecliningAtStart <= 0 || !rng.Chance(options.DecliningAtStart))
        {
            return null;
        }

        var decline = rng.Uniform(options.MinDecline, options.MaxDecline);
        var cancel = SimTime.Ms(options.Start + (decline * rng.Uniform(0.02, 1)));
        return (cancel - decline, cancel);
    }

    /// <summary>A healthy customer at the start churns with a probability weighted by contract and tenure; else (null, null).</summary>
    private static (DateTimeOffset?, DateTimeOffset?) ChurnLater(CustomerSimulatorOptions options, int index, double relativeWeight, DateTimeOffset end)
    {
        // A separate generator, so that the habits do not depend on the churn settings.
        var rng = SimRandom.For(options.Seed, "customers-churn", index);
        if (!rng.Chance(Math.Min(0.95, options.ChurnRate * relativeWeight)))
        {
            return (null, null);
        }

        var decline = rng.Uniform(options.MinDecline, options.MaxDecline);
        var earliest = options.Start + options.MinHealthyPeriod + decline;
        var cancel = SimTime.Ms(earliest + ((end - earliest) * rng.Uniform(0, 0.999)));
        return (cancel - decline, cancel);
    }

    private IEnumerable<SimulatedEvent> CustomerEvents(CustomerPlan customer)
    {
        var rng = SimRandom.For(_seed, "customers-run", customer.Habits.Index);
        var habits = customer.Habits;
        var truth = customer.Truth;
        var stop = truth.CancelTime ?? End;
        var plan = habits.Plan;
        var pendingRetries = new List<DateTimeOffset>();
        var day = new DateTimeOffset(Start.UtcDateTime.Date, TimeSpan.Zero);
        var dayEvents = new List<CustomerEvent>();

        for (var dayIndex = 0; day < stop; dayIndex++, day = day.AddDays(1))
        {
            dayEvents.Clear();
            var p = Progress(truth, day.AddHours(12));

            if (dayIndex == 0)
            {
                dayEvents.Add(Profile(habits, plan, Start + rng.Uniform(TimeSpan.Zero, TimeSpan.FromHours(1)), 0));
            }
            else if (dayIndex % 30 == 0)
            {
                dayEvents.Add(Profile(habits, plan, day + rng.Uniform(TimeSpan.FromHours(1), TimeSpan.FromHours(5)), dayIndex));
            }

            var weekday = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.7 : 1.12;
            var logins = rng.Poisson(habits.LoginsPerWeek / 7 * weekday * (1 - (0.85 * p)));
            for (var l = 0; l < logins; l++)
            {
                var login = day + TimeSpan.FromHours(Math.Clamp(rng.Normal(habits.ActiveHour, 2), 0.25, 22.5));
                dayEvents.Add(Event(habits, login, "login"));
                var views = Math.Min(20, rng.Poisson(habits.PageViewsPerLogin * (1 - (0.5 * p))));
                var viewTime = login;
                for (var v = 0; v < views; v++)
                {
                    viewTime += TimeSpan.FromMinutes(rng.Uniform(0.5, 3));
                    dayEvents.Add(Event(habits, viewTime, "page_view"));
                }

                if (rng.Chance(habits.PurchaseProbability * (1 - (0.8 * p))))
                {
                    var amount = Math.Round(rng.LogNormal(habits.PurchaseMedian, 0.4), 2);
                    dayEvents.Add(Event(habits, login + TimeSpan.FromMinutes(rng.Uniform(2, 15)), "purchase", amount,
                        new Dictionary<string, string> { ["contract"] = _contracts[habits.Contract], ["category"] = rng.Pick(_categories) }));
                }
            }

            for (var n = rng.Poisson(habits.TicketsPerMonth / 30 * (1 + (6 * p))); n > 0; n--)
            {
                dayEvents.Add(Event(habits, day + TimeSpan.FromHours(rng.Uniform(8, 18)), "support_ticket", null,
                    new Dictionary<string, string> { ["topic"] = rng.Pick(_ticketTopics) }));
            }

            for (var n = rng.Poisson((0.03 / 30) + (0.1 * p)); n > 0; n--)
            {
                dayEvents.Add(Event(habits, day + TimeSpan.FromHours(rng.Uniform(8, 20)), "complaint", null,
                    new Dictionary<string, string> { ["topic"] = rng.Pick(_ticketTopics) }));
            }

            // Billing: a failed payment is retried 3 and 6 days later.
            var billing = day.Day == habits.BillingDay;
            var retry = pendingRetries.Remove(day);
            if (billing || retry)
            {
                var failureChance = billing ? 0.01 + (0.6 * p) : 0.3 + (0.6 * p);
                if (rng.Chance(failureChance))
                {
                    dayEvents.Add(Event(habits, day + TimeSpan.FromHours(rng.Uniform(2, 4)), "payment_failed", _planFees[plan],
                        new Dictionary<string, string> { ["reason"] = rng.Pick(_paymentFailures) }));
                    if (billing)
                    {
                        pendingRetries.Add(day.AddDays(3));
                        pendingRetries.Add(day.AddDays(6));
                    }
                }
                else
                {
                    pendingRetries.Clear();
                }
            }

            if (rng.Chance(0.003 + (0.02 * p)))
            {
                plan = p > 0 && plan > 0 ? plan - 1 : (plan + 1 + rng.Next(_plans.Length - 1)) % _plans.Length;
                dayEvents.Add(Event(habits, day + TimeSpan.FromHours(rng.Uniform(9, 20)), "plan_change", _planFees[plan],
                    new Dictionary<string, string> { ["plan"] = _plans[plan], ["contract"] = _contracts[habits.Contract] }));
            }

            dayEvents.Sort((a, b) => a.Ts.CompareTo(b.Ts));
            foreach (var e in dayEvents)
            {
                if (e.Ts >= Start && e.Ts < stop)
                {
                    yield return new SimulatedEvent(TopicNames.CustomerEvents, habits.Id, e, TruthId(truth, e.Ts));
                }
            }
        }

        if (truth.CancelTime is { } cancel)
        {
            var reason = rng.Pick(_cancelReasons);
            yield return new SimulatedEvent(
                TopicNames.CustomerEvents,
                habits.Id,
                Event(habits, cancel, "cancel", null,
                    new Dictionary<string, string> { ["contract"] = _contracts[habits.Contract], ["reason"] = reason }),
                truth.ChurnId);
        }
    }

    private static double Progress(CustomerTruth truth, DateTimeOffset t) =>
        truth is { DeclineStart: { } start, CancelTime: { } cancel } && t > start
            ? Math.Min(1, (t - start) / (cancel - start))
            : 0;

    private static string? TruthId(CustomerTruth truth, DateTimeOffset t) =>
        truth.DeclineStart is { } start && t >= start ? truth.ChurnId : null;

    private static CustomerEvent Profile(Habits habits, int plan, DateTimeOffset t, int dayIndex) =>
        Event(habits, t, "profile", _planFees[plan], new Dictionary<string, string>
        {
            ["contract"] = _contracts[habits.Contract],
            ["plan"] = _plans[plan],
            ["tenure_months"] = (habits.TenureMonths + (dayIndex / 30)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    private static CustomerEvent Event(
        Habits habits, DateTimeOffset t, string type, double? amount = null, IReadOnlyDictionary<string, string>? attributes = null) =>
        new(habits.Id, SimTime.Ms(t), type, amount, attributes);

    private sealed record Habits(
        int Index,
        string Id,
        int Contract,
        int Plan,
        int TenureMonths,
        double LoginsPerWeek,
        double PageViewsPerLogin,
        double PurchaseProbability,
        double PurchaseMedian,
        double TicketsPerMonth,
        int BillingDay,
        double ActiveHour);

    private sealed record CustomerPlan(Habits Habits, CustomerTruth Truth);
}
