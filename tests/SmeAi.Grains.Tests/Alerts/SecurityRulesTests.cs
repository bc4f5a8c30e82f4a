using SmeAi.Abstractions.Events;
using SmeAi.Grains.Entities;

namespace SmeAi.Grains.Tests.Alerts;

public sealed class SecurityRulesTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_burst_of_failures_is_brute_force()
    {
        var state = Habitual();
        var signals = RuleSignals.None;
        for (var i = 0; i < 6; i++)
        {
            signals = Evaluate(state, Event("auth_failure", Start.AddDays(1).AddSeconds(i * 3), country: "DE", device: "laptop-1"));
        }

        Assert.True(signals.Urgent);
        Assert.Contains(SecurityRules.BruteForce, signals.Fired);
    }

    [Fact]
    public void A_sign_in_from_a_far_country_minutes_after_one_at_home_is_impossible_travel()
    {
        var state = Habitual();
        Evaluate(state, Event("auth_success", Start.AddDays(1), country: "DE", device: "laptop-1"));

        var signals = Evaluate(state, Event("auth_success", Start.AddDays(1).AddMinutes(20), country: "BR", device: "laptop-1"));

        Assert.Contains(SecurityRules.ImpossibleTravel, signals.Fired);
    }

    [Fact]
    public void Coming_back_to_the_home_country_minutes_after_a_far_sign_in_is_not_another_impossible_trip()
    {
        var state = Habitual();
        Evaluate(state, Event("auth_success", Start.AddDays(1), country: "DE", device: "laptop-1"));
        var away = Evaluate(state, Event("auth_success", Start.AddDays(1).AddMinutes(20), country: "BR", device: "laptop-1"));

        var back = Evaluate(state, Event("auth_success", Start.AddDays(1).AddMinutes(50), country: "DE", device: "laptop-1"));

        Assert.Contains(SecurityRules.ImpossibleTravel, away.Fired);
        Assert.DoesNotContain(SecurityRules.ImpossibleTravel, back.Fired);
    }

    [Fact]
    public void A_sustained_run_of_transfers_far_above_the_usual_volume_is_a_spike_and_a_shorter_one_is_not()
    {
        var state = Habitual();

        var usual = Evaluate(state, Event("data_transfer", Start.AddDays(1), country: "DE", device: "laptop-1", bytes: 12_000));
        var large = Enumerable.Range(0, SecurityRules.LargeTransfersForSpike)
            .Select(i => Evaluate(state, Event("data_transfer", Start.AddDays(1).AddMinutes(5 + (i * 6)), country: "DE", device: "laptop-1", bytes: 50_000_000 + i)))
            .ToList();

        Assert.Equal(RuleSignals.None, usual);
        Assert.All(large[..^1], signals => Assert.DoesNotContain(SecurityRules.VolumeSpike, signals.Fired));
        Assert.Contains(SecurityRules.VolumeSpike, large[^1].Fired);
    }

    [Fact]
    public void A_longer_run_of_large_transfers_keeps_firing_while_the_state_keeps_only_the_newest_that_make_a_spike()
    {
        var state = Habitual();

        var large = Enumerable.Range(0, SecurityRules.LargeTransfersForSpike + 4)
            .Select(i => Evaluate(state, Event("data_transfer", Start.AddDays(1).AddMinutes(i), country: "DE", device: "laptop-1", bytes: 50_000_000 + i)))
            .ToList();

        Assert.All(large[(SecurityRules.LargeTransfersForSpike - 1)..], signals => Assert.Contains(SecurityRules.VolumeSpike, signals.Fired));
        Assert.Equal(SecurityRules.LargeTransfersForSpike, state.LargeTransfers.Count);
        // Hours later the window has let them all go: the next transfer is judged alone.
        var alone = Evaluate(state, Event("data_transfer", Start.AddDays(1).AddHours(3), country: "DE", device: "laptop-1", bytes: 90_000_000));
        Assert.DoesNotContain(SecurityRules.VolumeSpike, alone.Fired);
        Assert.InRange(state.LargeTransfers.Count, 0, 1);
    }

    [Fact]
    public void A_privilege_change_soon_after_a_new_device_signed_in_is_urgent()
    {
        var state = Habitual();
        Evaluate(state, Event("auth_success", Start.AddDays(1), country: "DE", device: "device-x"));

        var signals = Evaluate(state, Event("privilege_change", Start.AddDays(1).AddMinutes(5), country: "DE", device: "device-x"));

        Assert.True(signals.Urgent);
        Assert.Contains(SecurityRules.PrivilegeFromNewDevice, signals.Fired);
    }

    [Fact]
    public void A_new_device_alone_is_noted_without_urgency()
    {
        var state = Habitual();

        var signals = Evaluate(state, Event("auth_success", Start.AddDays(1), country: "DE", device: "phone-9"));

        Assert.Equal([SecurityRules.NewDevice], signals.Fired);
        Assert.False(signals.Urgent);
    }

    private static RiskState Habitual()
    {
        var state = new RiskState();
        for (var i = 0; i < 20; i++)
        {
            Evaluate(state, Event("data_transfer", Start.AddHours(i), country: "DE", device: "laptop-1", bytes: 10_000 + (i * 100)));
        }

        return state;
    }

    private static RuleSignals Evaluate(RiskState state, SecurityEvent item)
    {
        var transfers = state.Transfers;
        return SecurityRules.Evaluate(state, item.Ts, item.Device, RiskFeatures.RowThenLearn(state, item), transfers);
    }

    private static SecurityEvent Event(string type, DateTimeOffset ts, string country, string device, long bytes = 0) =>
        new("alice", ts, type, "203.0.113.9", country, device, bytes, "crm", null);
}
