using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events;
using SmeAi.Simulator.Security;

namespace SmeAi.Simulator.Tests;

public sealed class SecuritySimulatorTests
{
    private static readonly SecuritySimulator _simulator = new(Options(seed: 5));
    private static readonly List<SimulatedEvent> _events = [.. _simulator.Events()];

    [Fact]
    public void The_same_seed_gives_the_same_events_and_another_seed_does_not()
    {
        var again = new SecuritySimulator(Options(seed: 5));
        Assert.Equal(Support.Fingerprint(_events), Support.Fingerprint(again.Events()));
        Assert.Equal(_simulator.Attacks, again.Attacks);

        var other = new SecuritySimulator(Options(seed: 6));
        Assert.NotEqual(Support.Fingerprint(_events.Take(500)), Support.Fingerprint(other.Events().Take(500)));
    }

    [Fact]
    public void Events_are_valid_in_event_time_order_and_inside_the_run()
    {
        Support.AssertValidAndOrdered(_events, _simulator.Start, _simulator.End);
        Support.AssertJsonRoundTrips(_events, every: 13);
        Assert.All(_events, e => Assert.Equal(TopicNames.SecurityEvents, e.Topic));
        Assert.Equal(SecurityEvent.Types.Order(), _events.Select(e => ((SecurityEvent)e.Event).Type).Distinct().Order());
    }

    [Fact]
    public void Attack_windows_contain_their_attack_events_and_every_attack_type_occurs()
    {
        Assert.Equal(Enum.GetValues<AttackType>().Order(), _simulator.Attacks.Select(a => a.Type).Distinct().Order());
        Assert.All(_simulator.Attacks, a => Assert.True(a.Start >= _simulator.Start + TimeSpan.FromDays(1)));

        var windows = _simulator.Attacks.ToDictionary(a => (a.Id, a.SubjectId));
        var attackEvents = _events.Where(e => e.TruthId is not null).ToList();
        foreach (var e in attackEvents)
        {
            Assert.True(windows.TryGetValue((e.TruthId!, e.Key), out var window), $"{e.TruthId} has no window for {e.Key}");
            Assert.True(window.Contains(e.Event.Ts));
        }

        foreach (var window in _simulator.Attacks)
        {
            var events = attackEvents.Where(e => e.TruthId == window.Id && e.Key == window.SubjectId).Select(e => (SecurityEvent)e.Event).ToList();
            Assert.Equal(window.Start, events.Min(e => e.Ts));
            Assert.Equal(window.End, events.Max(e => e.Ts));
            AssertSignature(window, events);
        }
    }

    [Fact]
    public void Simple_rules_over_each_subjects_own_history_find_the_attacks_with_few_false_alarms()
    {
        // Per subject, in event order: alert on >= 10 failures in 10 minutes, a country seen first within 2 hours of a
        // login elsewhere, a transfer 20x the subject's running median, or a privilege change within 30 minutes of a
        // login from a new device.
        var alerts = new List<(string Subject, DateTimeOffset Ts)>();
        foreach (var subject in _events.GroupBy(e => e.Key))
        {
            var failures = new Queue<DateTimeOffset>();
            var countries = new HashSet<string>();
            var devices = new HashSet<string>();
            var transfers = new List<long>();
            (string Country, DateTimeOffset Ts)? lastLogin = null;
            DateTimeOffset? newDeviceLogin = null;
            foreach (var e in subject.Select(s => (SecurityEvent)s.Event))
            {
                var warm = e.Ts >= _simulator.Start + TimeSpan.FromDays(1);
                switch (e.Type)
                {
                    case "auth_failure":
                        failures.Enqueue(e.Ts);
                        while (failures.Peek() < e.Ts - TimeSpan.FromMinutes(10))
                        {
                            failures.Dequeue();
                        }

                        if (failures.Count >= 10)
                        {
                            alerts.Add((subject.Key, e.Ts));
                        }

                        break;
                    case "auth_success":
                        if (warm && lastLogin is { } last && last.Country != e.Country && !countries.Contains(e.Country!) && e.Ts - last.Ts < TimeSpan.FromHours(2))
                        {
                            alerts.Add((subject.Key, e.Ts));
                        }

                        newDeviceLogin = warm && !devices.Contains(e.Device!) ? e.Ts : null;
                        countries.Add(e.Country!);
                        devices.Add(e.Device!);
                        lastLogin = (e.Country!, e.Ts);
                        break;
                    case "data_transfer":
                        if (warm && transfers.Count >= 3 && e.Bytes > 20 * transfers.Order().ElementAt(transfers.Count / 2))
                        {
                            alerts.Add((subject.Key, e.Ts));
                        }

                        transfers.Add(e.Bytes!.Value);
                        break;
                    case "privilege_change":
                        if (newDeviceLogin is { } since && e.Ts - since < TimeSpan.FromMinutes(30))
                        {
                            alerts.Add((subject.Key, e.Ts));
                        }

                        break;
                }
            }
        }

        // Credential stuffing is a population-level pattern; a per-subject rule is not expected to see it.
        var perSubjectAttacks = _simulator.Attacks.Where(a => a.Type != AttackType.CredentialStuffing).ToList();
        var detected = perSubjectAttacks.Count(a => alerts.Any(x => x.Subject == a.SubjectId && a.Contains(x.Ts)));
        Assert.True(detected >= 0.9 * perSubjectAttacks.Count, $"detected {detected} of {perSubjectAttacks.Count}");

        var falselyAlerted = alerts
            .Where(x => !_simulator.Attacks.Any(a => a.SubjectId == x.Subject && x.Ts >= a.Start && x.Ts <= a.End + TimeSpan.FromHours(1)))
            .Select(x => x.Subject).Distinct().Count();
        Assert.True(falselyAlerted <= 0.05 * _simulator.Subjects.Count, $"{falselyAlerted} subjects falsely alerted");

        // Credential stuffing shows as one address failing on many subjects.
        var stuffing = _simulator.Attacks.Where(a => a.Type == AttackType.CredentialStuffing).GroupBy(a => a.Id).ToList();
        Assert.NotEmpty(stuffing);
        var failingIps = _events.Select(e => (SecurityEvent)e.Event).Where(e => e.Type == "auth_failure")
            .GroupBy(e => e.Ip!).Where(g => g.Select(e => e.SubjectId).Distinct().Count() >= 5).Select(g => g.Key).ToHashSet();
        Assert.All(stuffing, campaign => Assert.Contains(campaign.First().SourceIp, failingIps));
        Assert.Equal(stuffing.Count, failingIps.Count);
    }

    [Fact]
    public void Normal_users_log_in_from_their_usual_countries_and_devices()
    {
        var subjects = _simulator.Subjects.ToDictionary(s => s.SubjectId);
        var normal = _events.Where(e => e.TruthId is null).Select(e => (SecurityEvent)e.Event).ToList();
        Assert.All(normal, e =>
        {
            var subject = subjects[e.SubjectId];
            Assert.True(e.Country == subject.HomeCountry || e.Country == subject.TravelCountry, $"{e.SubjectId} from {e.Country}");
            Assert.Contains(e.Device, subject.Devices);
        });
        var abroad = normal.Count(e => e.Country != subjects[e.SubjectId].HomeCountry) / (double)normal.Count;
        Assert.InRange(abroad, 0.0, 0.03);
    }

    [Fact]
    public void Only_the_chosen_attack_types_occur_and_none_without_attacks()
    {
        var options = Options(seed: 2);
        options.AttackTypes.Add(AttackType.Exfiltration);
        var attacks = new SecuritySimulator(options).Attacks;
        Assert.NotEmpty(attacks);
        Assert.All(attacks, a => Assert.Equal(AttackType.Exfiltration, a.Type));

        options.AttacksPerDay = 0;
        var quiet = new SecuritySimulator(options);
        Assert.Empty(quiet.Attacks);
        Assert.All(quiet.Events(), e => Assert.Null(e.TruthId));

        options.AttacksPerDay = -1;
        var ex = Assert.Throws<OptionsValidationException>(() => new SecuritySimulator(options));
        Assert.Contains("Simulator:Security:AttacksPerDay", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1e-7)] // one attack in some 27,000 years: the first wait already runs past the year 9999
    [InlineData(double.Epsilon)]
    public void A_tiny_attack_rate_plans_no_attack_rather_than_overflowing_the_calendar(double rate)
    {
        var options = Options(seed: 2);
        options.AttacksPerDay = rate;
        Assert.False(new SecuritySimulatorOptionsValidator().Validate(null, options).Failed);

        var simulator = new SecuritySimulator(options);

        Assert.Empty(simulator.Attacks);
        Assert.All(simulator.Events(), e => Assert.Null(e.TruthId));
    }

    private static void AssertSignature(AttackWindow window, List<SecurityEvent> events)
    {
        switch (window.Type)
        {
            case AttackType.BruteForce:
                Assert.True(events.Count(e => e.Type == "auth_failure" && e.Ip == window.SourceIp) >= 30);
                Assert.True(window.End - window.Start < TimeSpan.FromHours(1));
                break;
            case AttackType.CredentialStuffing:
                Assert.All(events, e => Assert.Equal(window.SourceIp, e.Ip));
                Assert.InRange(events.Count(e => e.Type == "auth_failure"), 1, 3);
                break;
            case AttackType.ImpossibleTravel:
                var logins = events.Where(e => e.Type == "auth_success").ToList();
                Assert.Equal(2, logins.Count);
                Assert.NotEqual(logins[0].Country, logins[1].Country);
                Assert.True(logins[1].Ts - logins[0].Ts < TimeSpan.FromHours(1));
                break;
            case AttackType.Exfiltration:
                Assert.True(events.Count(e => e.Type == "data_transfer") >= 10);
                break;
            default:
                Assert.Equal("auth_success", events[0].Type);
                Assert.StartsWith("device-", events[0].Device, StringComparison.Ordinal);
                Assert.Contains(events, e => e.Type == "privilege_change");
                break;
        }
    }

    private static SecuritySimulatorOptions Options(long seed) => new()
    {
        Seed = seed,
        SubjectCount = 80,
        Duration = TimeSpan.FromDays(10),
        AttacksPerDay = 4,
    };
}
