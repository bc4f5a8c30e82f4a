using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events;
using SmeAi.Simulator.Customers;

namespace SmeAi.Simulator.Tests;

public sealed class CustomerSimulatorTests
{
    private static readonly CustomerSimulator _simulator = new(Options(seed: 11));
    private static readonly List<SimulatedEvent> _events = [.. _simulator.Events()];
    private static readonly ILookup<string, CustomerEvent> _byCustomer = _events.ToLookup(e => e.Key, e => (CustomerEvent)e.Event);

    [Fact]
    public void The_same_seed_gives_the_same_events_and_another_seed_does_not()
    {
        var again = new CustomerSimulator(Options(seed: 11));
        Assert.Equal(Support.Fingerprint(_events), Support.Fingerprint(again.Events()));
        Assert.Equal(_simulator.GroundTruth, again.GroundTruth);

        var other = new CustomerSimulator(Options(seed: 12));
        Assert.NotEqual(Support.Fingerprint(_events.Take(1000)), Support.Fingerprint(other.Events().Take(1000)));
    }

    [Fact]
    public void Events_are_valid_in_event_time_order_and_inside_the_run()
    {
        Support.AssertValidAndOrdered(_events, _simulator.Start, _simulator.End);
        Support.AssertJsonRoundTrips(_events, every: 31);
        Assert.All(_events, e => Assert.Equal(TopicNames.CustomerEvents, e.Topic));
        Assert.Equal(CustomerEvent.Types.Order(), _events.Select(e => ((CustomerEvent)e.Event).Type).Distinct().Order());
    }

    [Fact]
    public void Churners_cancel_once_at_their_cancel_time_and_send_nothing_after_while_stayers_never_cancel()
    {
        var churners = _simulator.GroundTruth.Where(c => c.IsChurner).ToList();
        var share = churners.Count / (double)_simulator.GroundTruth.Count;
        Assert.InRange(share, 0.12, 0.3);

        foreach (var customer in _simulator.GroundTruth)
        {
            var events = _byCustomer[customer.CustomerId].ToList();
            Assert.Equal("profile", events[0].Type);
            Assert.Equal(customer.Contract, events[0].Attributes!["contract"]);
            var cancels = events.Where(e => e.Type == "cancel").ToList();
            if (!customer.IsChurner)
            {
                Assert.Empty(cancels);
                Assert.Null(customer.CancelTime);
                continue;
            }

            var cancel = Assert.Single(cancels);
            Assert.Equal(customer.CancelTime, cancel.Ts);
            Assert.Same(cancel, events[^1]);
            Assert.InRange(customer.DeclineStart!.Value, _simulator.Start + TimeSpan.FromDays(14), cancel.Ts - TimeSpan.FromDays(21));
        }
    }

    [Fact]
    public void Month_to_month_customers_churn_more_than_two_year_ones()
    {
        var big = new CustomerSimulator(new CustomerSimulatorOptions { Seed = 3, CustomerCount = 3000 });
        double Rate(string contract) => big.GroundTruth.Where(c => c.Contract == contract).Average(c => c.IsChurner ? 1.0 : 0.0);
        Assert.True(Rate(CustomerSimulator.MonthToMonth) > 2 * Rate(CustomerSimulator.TwoYear));
        Assert.InRange(big.GroundTruth.Average(c => c.IsChurner ? 1.0 : 0.0), 0.17, 0.23);
    }

    [Fact]
    public void Events_from_the_decline_on_carry_the_churn_id()
    {
        foreach (var e in _events)
        {
            var truth = _simulator.GroundTruth[int.Parse(e.Key[2..], System.Globalization.CultureInfo.InvariantCulture) - 1];
            Assert.Equal(truth.CustomerId, e.Key);
            var expected = truth.DeclineStart is { } start && e.Event.Ts >= start ? truth.ChurnId : null;
            Assert.Equal(expected, e.TruthId);
        }
    }

    [Fact]
    public void Churners_weekly_logins_fall_and_trouble_rises_before_they_cancel()
    {
        // Baseline: activity in the last 14 days before the reference time against the first 14 days of the run.
        // Reference time: the cancel for churners, the end of the run for stayers.
        var positives = new List<double>();
        var negatives = new List<double>();
        var churnerTrouble = new List<double>();
        var stayerTrouble = new List<double>();
        foreach (var customer in _simulator.GroundTruth)
        {
            var events = _byCustomer[customer.CustomerId].ToList();
            var reference = customer.CancelTime ?? _simulator.End;
            var early = events.Count(e => e.Type == "login" && e.Ts < _simulator.Start + TimeSpan.FromDays(14));
            var late = events.Count(e => e.Type == "login" && e.Ts >= reference - TimeSpan.FromDays(14) && e.Ts < reference);
            var drop = 1 - ((late + 1.0) / (early + 1.0));
            var trouble = events.Count(e => e.Type is "support_ticket" or "complaint" or "payment_failed"
                && e.Ts >= reference - TimeSpan.FromDays(21) && e.Ts < reference);
            (customer.IsChurner ? positives : negatives).Add(drop);
            (customer.IsChurner ? churnerTrouble : stayerTrouble).Add(trouble);
        }

        var loginAuc = Support.RocAuc(positives, negatives);
        Assert.True(loginAuc >= 0.85, $"login-drop AUC {loginAuc:F3}");
        Assert.True(churnerTrouble.Average() > 3 * stayerTrouble.Average(),
            $"trouble events: churners {churnerTrouble.Average():F2}, stayers {stayerTrouble.Average():F2}");
        var combined = Support.RocAuc(
            [.. positives.Zip(churnerTrouble, (d, t) => d + (0.2 * t))],
            [.. negatives.Zip(stayerTrouble, (d, t) => d + (0.2 * t))]);
        Assert.True(combined >= 0.9, $"combined AUC {combined:F3}");
    }

    [Fact]
    public void A_run_too_short_for_a_full_decline_is_rejected_naming_the_setting()
    {
        var options = Options(seed: 1);
        options.Duration = TimeSpan.FromDays(30);
        var ex = Assert.Throws<OptionsValidationException>(() => new CustomerSimulator(options));
        Assert.Contains("Simulator:Customers:Duration", ex.Message, StringComparison.Ordinal);

        options.ChurnRate = 0;
        Assert.DoesNotContain(new CustomerSimulator(options).GroundTruth, c => c.IsChurner);

        options.ChurnRate = 1.5;
        ex = Assert.Throws<OptionsValidationException>(() => new CustomerSimulator(options));
        Assert.Contains("Simulator:Customers:ChurnRate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Customers_declining_at_start_cancel_within_their_decline_and_the_rest_plan_as_without_them()
    {
        var options = Options(seed: 11);
        options.DecliningAtStart = 0.4;
        var mixed = new CustomerSimulator(options);

        var declining = mixed.GroundTruth.Where(c => c.DeclineStart < mixed.Start).ToList();
        Assert.InRange(declining.Count / (double)mixed.GroundTruth.Count, 0.3, 0.5);
        Assert.All(declining, c =>
        {
            Assert.True(c.IsChurner);
            Assert.InRange(c.CancelTime!.Value - c.DeclineStart!.Value, TimeSpan.FromDays(21), TimeSpan.FromDays(56));
            Assert.InRange(c.CancelTime.Value, mixed.Start, mixed.Start + TimeSpan.FromDays(56));
        });

        // Everyone else keeps the plan of the default settings, so adding decliners does not reshuffle the others.
        var others = mixed.GroundTruth.Except(declining).ToList();
        Assert.All(others, c => Assert.Equal(_simulator.GroundTruth.Single(d => d.CustomerId == c.CustomerId), c));

        // Decliners start with a fraction of an engaged customer's activity and do cancel early in the run.
        var firstWeek = mixed.Start + TimeSpan.FromDays(7);
        var events = mixed.Events().TakeWhile(e => e.Event.Ts < firstWeek).Select(e => (CustomerEvent)e.Event).ToList();
        var decliningIds = declining.Select(c => c.CustomerId).ToHashSet();
        double LoginsPerCustomer(bool decliner, int count) =>
            events.Count(e => e.Type == "login" && decliningIds.Contains(e.CustomerId) == decliner) / (double)count;
        Assert.True(LoginsPerCustomer(true, declining.Count) < 0.7 * LoginsPerCustomer(false, others.Count));
        Assert.Contains(events, e => e.Type == "cancel");

        options.DecliningAtStart = 1.5;
        var ex = Assert.Throws<OptionsValidationException>(() => new CustomerSimulator(options));
        Assert.Contains("Simulator:Customers:DecliningAtStart", ex.Message, StringComparison.Ordinal);
    }

    private static CustomerSimulatorOptions Options(long seed) => new()
    {
        Seed = seed,
        CustomerCount = 300,
        Duration = TimeSpan.FromDays(100),
    };
}
