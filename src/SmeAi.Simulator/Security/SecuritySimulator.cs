using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events;
using SmeAi.Simulator.Internal;

namespace SmeAi.Simulator.Security;

/// <summary>
/// IT security events of a company's users: on working days each user logs in from their usual country, address and
/// devices during their working hours (with the odd typo), connects to their usual resources and moves their usual
/// data volumes; some travel now and then, a few admins change privileges. Attacks arrive as a Poisson process after
/// a warm-up: brute force, credential stuffing, impossible travel, exfiltration, and a new device followed by a
/// privilege change.
/// </summary>
/// <remarks>Planned in the constructor (see <see cref="Attacks"/>); events are drawn lazily and deterministically.</remarks>
public sealed class SecuritySimulator : IEventSimulator
{
    private static readonly string[] _resources = ["crm", "erp", "mail", "files", "git", "hr", "finance", "wiki"];
    private static readonly string[] _sensitiveResources = ["files", "finance", "crm", "git"];

    private readonly SubjectPlan[] _subjects;
    private readonly List<AttackPlan> _attackPlans;
    private readonly long _seed;

    /// <exception cref="OptionsValidationException">The options are invalid; the message names each problem.</exception>
    public SecuritySimulator(SecuritySimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new SecuritySimulatorOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SecuritySimulatorOptions), validation.Failures);
        }

        _seed = options.Seed;
        Start = options.Start;
        End = options.Start + options.Duration;
        _subjects = [.. Enumerable.Range(0, options.SubjectCount).Select(i => PlanSubject(options, i))];
        Subjects = [.. _subjects.Select(s => s.Truth)];
        (_attackPlans, Attacks) = PlanAttacks(options);
    }

    /// <summary>Event time of the first possible event.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Events are strictly before this time.</summary>
    public DateTimeOffset End { get; }

    /// <summary>Every user's usual countries, devices and resources.</summary>
    public IReadOnlyList<SubjectTruth> Subjects { get; }

    /// <summary>The attack windows, one per attacked subject per attack, in start order.</summary>
    public IReadOnlyList<AttackWindow> Attacks { get; }

    public IEnumerable<SimulatedEvent> Events()
    {
        var sources = new List<IEnumerable<SimulatedEvent>>(_subjects.Length + 1);
        sources.AddRange(_subjects.Select(SubjectEvents));
        sources.Add(AttackEvents());
        return EventMerge.Merge(sources);
    }

    private static SubjectPlan PlanSubject(SecuritySimulatorOptions options, int index)
    {
        var rng = SimRandom.For(options.Seed, "security-plan", index);
        var id = $"{options.IdPrefix}{index + 1}";
        var home = Countries.Homes[rng.PickWeighted(Countries.HomeShares)];
        var travel = rng.Chance(0.25) ? rng.Pick([.. Countries.TravelDestinations.Where(c => c != home)]) : null;
        List<string> devices = [$"laptop-{index + 1}"];
        if (rng.Chance(0.6))
        {
            devices.Add($"phone-{index + 1}");
        }

        if (rng.Chance(0.2))
        {
            devices.Add($"desktop-{index + 1}");
        }

        var resources = rng.Sample(_resources.Length, rng.Between(2, 4)).Select(i => _resources[i]).ToList();
        var isAdmin = rng.Chance(0.05);
        return new SubjectPlan(
            index,
            id,
            home,
            Countries.Ip(home, rng),
            rng.Uniform(7, 10),
            rng.Uniform(7.5, 9.5),
            Math.Clamp(rng.LogNormal(1_000_000, 0.8), 50_000, 50_000_000),
            rng.Uniform(5, 20),
            rng.Uniform(0.5, 4),
            new SubjectTruth(id, home, travel, devices, resources, isAdmin));
    }

    private IEnumerable<SimulatedEvent> SubjectEvents(SubjectPlan subject)
    {
        var rng = SimRandom.For(_seed, "security-run", subject.Index);
        var truth = subject.Truth;
        var offset = Countries.Get(subject.Home).UtcOffsetHours;
        var dayEvents = new List<SecurityEvent>();
        for (var day = new DateTimeOffset(Start.UtcDateTime.Date, TimeSpan.Zero); day < End; day = day.AddDays(1))
        {
            dayEvents.Clear();
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            if (weekend && !rng.Chance(0.08))
            {
                continue;
            }

            // The working day in UTC; everything of this day happens within about 14 hours of its start.
            var workStart = day + TimeSpan.FromHours(subject.WorkStartLocal - offset);
            var (country, ip) = truth.TravelCountry is { } travel && rng.Chance(0.04)
                ? (travel, Countries.Ip(travel, rng))
                : (subject.Home, rng.Chance(0.1) ? Countries.Ip(subject.Home, rng) : subject.HomeIp);
            var sessions = Math.Min(4, 1 + rng.Poisson(0.7));
            for (var s = 0; s < sessions; s++)
            {
                var login = workStart + TimeSpan.FromHours(rng.Uniform(0.02, subject.WorkHours));
                var length = TimeSpan.FromMinutes(rng.Uniform(20, 180));
                var device = rng.Pick(truth.Devices);
                var resource = rng.Pick(truth.Resources);
                if (rng.Chance(0.03))
                {
                    dayEvents.Add(Auth(truth.SubjectId, login - TimeSpan.FromSeconds(rng.Uniform(5, 40)), "auth_failure", ip, country, device, resource));
                }

                dayEvents.Add(Auth(truth.SubjectId, login, "auth_success", ip, country, device, resource));
                for (var n = rng.Poisson(subject.ConnectionsPerDay / sessions); n > 0; n--)
                {
                    dayEvents.Add(Activity(
                        truth.SubjectId, login + (length * rng.NextDouble()), "connection", ip, country, device,
                        rng.Pick(truth.Resources), (long)rng.LogNormal(20_000, 1.0), rng.Uniform(1, 600)));
                }

                for (var n = rng.Poisson(subject.TransfersPerDay / sessions); n > 0; n--)
                {
                    dayEvents.Add(Activity(
                        truth.SubjectId, login + (length * rng.NextDouble()), "data_transfer", ip, country, device,
                        rng.Pick(truth.Resources), (long)rng.LogNormal(subject.TransferMedian, 0.7), rng.Uniform(5, 900)));
                }

                if (truth.IsAdmin && rng.Chance(0.15 / sessions))
                {
                    dayEvents.Add(Activity(
                        truth.SubjectId, login + (length * rng.NextDouble()), "privilege_change", ip, country, device, "iam", 0, 0));
                }
            }

            dayEvents.Sort((a, b) => a.Ts.CompareTo(b.Ts));
            foreach (var e in dayEvents)
            {
                if (e.Ts >= Start && e.Ts < End)
                {
                    yield return new SimulatedEvent(TopicNames.SecurityEvents, truth.SubjectId, e);
                }
            }
        }
    }

    private (List<AttackPlan> Plans, IReadOnlyList<AttackWindow> Windows) PlanAttacks(SecuritySimulatorOptions options)
    {
        var plans = new List<AttackPlan>();
        var windows = new List<AttackWindow>();
        if (options.AttacksPerDay <= 0)
        {
            return (plans, windows);
        }

        IReadOnlyList<AttackType> types = options.AttackTypes.Count > 0 ? [.. options.AttackTypes.Distinct()] : Enum.GetValues<AttackType>();
        var schedule = SimRandom.For(options.Seed, "security-attacks");
        var t = Start + options.WarmUp;
        for (var n = 1; ; n++)
        {
            if (SimTime.AddDaysBefore(t, schedule.Exponential(1 / options.AttacksPerDay), End - TimeSpan.FromHours(2)) is not { } next)
            {
                break;
            }

            t = next;

            // The attack is built here for its windows and built again, identically, when its events are enumerated,
            // so a long run does not hold every attack's events in memory.
            var plan = new AttackPlan(n, schedule.Pick(types), t);
            var attack = Build(plan);
            foreach (var bySubject in attack.Events.GroupBy(e => e.SubjectId))
            {
                windows.Add(new AttackWindow(
                    plan.Id, bySubject.Key, plan.Type, bySubject.Min(e => e.Ts), bySubject.Max(e => e.Ts), attack.SourceIp, attack.SourceCountry));
            }

            plans.Add(plan);
        }

        return (plans, [.. windows.OrderBy(w => w.Start)]);
    }

    /// <summary>Every attack's events in time order; attacks may overlap, and none has an event before its planned time.</summary>
    private IEnumerable<SimulatedEvent> AttackEvents()
    {
        var pending = new PriorityQueue<SimulatedEvent, (long Ticks, long Sequence)>();
        long sequence = 0;
        foreach (var plan in _attackPlans)
        {
            var horizon = SimTime.Ms(plan.Time).UtcTicks;
            while (pending.TryPeek(out var ready, out var key) && key.Ticks < horizon)
            {
                pending.Dequeue();
                yield return ready;
            }

            foreach (var e in Build(plan).Events)
            {
                pending.Enqueue(new SimulatedEvent(TopicNames.SecurityEvents, e.SubjectId, e, plan.Id), (e.Ts.UtcTicks, sequence++));
            }
        }

        while (pending.TryDequeue(out var rest, out _))
        {
            yield return rest;
        }
    }

    private AttackBuilder Build(AttackPlan plan)
    {
        var attack = new AttackBuilder(SimRandom.For(_seed, "security-attack", plan.Number));
        var victim = _subjects[attack.Rng.Next(_subjects.Length)];
        switch (plan.Type)
        {
            case AttackType.BruteForce:
                BruteForce(attack, victim, plan.Time);
                break;
            case AttackType.CredentialStuffing:
                CredentialStuffing(attack, plan.Time);
                break;
            case AttackType.ImpossibleTravel:
                ImpossibleTravel(attack, victim, plan.Time);
                break;
            case AttackType.Exfiltration:
                Exfiltration(attack, victim, plan.Time);
                break;
            default:
                NewDevicePrivilegeChange(attack, victim, plan.Time);
                break;
        }

        return attack;
    }

    private static void BruteForce(AttackBuilder attack, SubjectPlan victim, DateTimeOffset t)
    {
        var rng = attack.Rng;
        attack.From(rng.Pick(Countries.AttackOrigins));
        var device = $"unknown-{rng.Next(100_000)}";
        var id = victim.Truth.SubjectId;
        for (var attempts = rng.Between(30, 150); attempts > 0; attempts--)
        {
            attack.Add(Auth(id, t, "auth_failure", attack.SourceIp, attack.SourceCountry, device, "vpn"));
            t += TimeSpan.FromSeconds(rng.Uniform(0.5, 4));
        }

        if (rng.Chance(0.3))
        {
            attack.Add(Auth(id, t, "auth_success", attack.SourceIp, attack.SourceCountry, device, "vpn"));
            for (var n = rng.Between(1, 4); n > 0; n--)
            {
                t += TimeSpan.FromMinutes(rng.Uniform(1, 10));
                attack.Add(Activity(id, t, "data_transfer", attack.SourceIp, attack.SourceCountry, device,
                    rng.Pick(_sensitiveResources), (long)(victim.TransferMedian * rng.Uniform(2, 10)), rng.Uniform(5, 300)));
            }
        }
    }

    private void CredentialStuffing(AttackBuilder attack, DateTimeOffset t)
    {
        var rng = attack.Rng;
        attack.From(rng.Pick(Countries.AttackOrigins));
        var length = TimeSpan.FromMinutes(rng.Uniform(5, 20));
        var victims = rng.Sample(_subjects.Length, rng.Between(8, 25)).Select(i => _subjects[i]).ToList();
        foreach (var victim in victims)
        {
            for (var attempts = rng.Between(1, 3); attempts > 0; attempts--)
            {
                attack.Add(Auth(victim.Truth.SubjectId, t + (length * rng.NextDouble()), "auth_failure",
                    attack.SourceIp, attack.SourceCountry, "bot", "mail"));
            }
        }

        if (rng.Chance(0.4))
        {
            attack.Add(Auth(rng.Pick(victims).Truth.SubjectId, t + length + TimeSpan.FromSeconds(rng.Uniform(1, 60)), "auth_success",
                attack.SourceIp, attack.SourceCountry, "bot", "mail"));
        }
    }

    private static void ImpossibleTravel(AttackBuilder attack, SubjectPlan victim, DateTimeOffset t)
    {
        var rng = attack.Rng;
        var truth = victim.Truth;
        var id = truth.SubjectId;

        // The user's own login, then minutes later one from another continent.
        var usualDevice = rng.Pick(truth.Devices);
        attack.Add(Auth(id, t, "auth_success", victim.HomeIp, victim.Home, usualDevice, rng.Pick(truth.Resources)));
        for (var n = rng.Between(2, 4); n > 0; n--)
        {
            attack.Add(Activity(id, t + TimeSpan.FromMinutes(rng.Uniform(0.5, 5)), "connection", victim.HomeIp, victim.Home, usualDevice,
                rng.Pick(truth.Resources), (long)rng.LogNormal(20_000, 1.0), rng.Uniform(1, 300)));
        }

        attack.From(Countries.FarFrom(victim.Home, rng));
        var device = rng.Chance(0.5) ? usualDevice : $"unknown-{rng.Next(100_000)}";
        t += TimeSpan.FromMinutes(rng.Uniform(6, 40));
        attack.Add(Auth(id, t, "auth_success", attack.SourceIp, attack.SourceCountry, device, rng.Pick(truth.Resources)));
        for (var n = rng.Between(2, 6); n > 0; n--)
        {
            var transfer = rng.Chance(0.5);
            attack.Add(Activity(id, t + TimeSpan.FromMinutes(rng.Uniform(1, 30)), transfer ? "data_transfer" : "connection",
                attack.SourceIp, attack.SourceCountry, device, rng.Pick(_sensitiveResources),
                transfer ? (long)(victim.TransferMedian * rng.Uniform(1, 5)) : (long)rng.LogNormal(20_000, 1.0), rng.Uniform(5, 600)));
        }
    }

    private static void Exfiltration(AttackBuilder attack, SubjectPlan victim, DateTimeOffset t)
    {
        var rng = attack.Rng;
        var truth = victim.Truth;
        attack.From(victim.Home, victim.HomeIp);
        var device = rng.Pick(truth.Devices);
        attack.Add(Auth(truth.SubjectId, t, "auth_success", attack.SourceIp, attack.SourceCountry, device, "files"));
        var length = TimeSpan.FromMinutes(rng.Uniform(20, 90));
        for (var n = rng.Between(10, 40); n > 0; n--)
        {
            attack.Add(Activity(truth.SubjectId, t + TimeSpan.FromSeconds(1) + (length * rng.NextDouble()), "data_transfer",
                attack.SourceIp, attack.SourceCountry, device, rng.Pick(_sensitiveResources),
                (long)(victim.TransferMedian * rng.Uniform(50, 500)), rng.Uniform(30, 600)));
        }
    }

    private static void NewDevicePrivilegeChange(AttackBuilder attack, SubjectPlan victim, DateTimeOffset t)
    {
        var rng = attack.Rng;
        var id = victim.Truth.SubjectId;
        attack.From(rng.Chance(0.5) ? victim.Home : rng.Pick(Countries.AttackOrigins));
        var device = $"device-{rng.NextUInt64() % 0xFFFFFF:x6}";
        attack.Add(Auth(id, t, "auth_success", attack.SourceIp, attack.SourceCountry, device, "vpn"));
        t += TimeSpan.FromMinutes(rng.Uniform(1, 10));
        attack.Add(Activity(id, t, "privilege_change", attack.SourceIp, attack.SourceCountry, device, "iam", 0, 0));
        for (var n = rng.Between(1, 5); n > 0; n--)
        {
            attack.Add(Activity(id, t + TimeSpan.FromMinutes(rng.Uniform(1, 30)), "data_transfer", attack.SourceIp, attack.SourceCountry,
                device, rng.Pick(_sensitiveResources), (long)(victim.TransferMedian * rng.Uniform(5, 20)), rng.Uniform(5, 600)));
        }
    }

    private static SecurityEvent Auth(
        string subject, DateTimeOffset t, string type, string ip, string country, string device, string resource) =>
        new(subject, SimTime.Ms(t), type, ip, country, device, 0, resource, new Dictionary<string, double> { ["duration"] = 0 });

    private static SecurityEvent Activity(
        string subject, DateTimeOffset t, string type, string ip, string country, string device, string resource, long bytes, double duration) =>
        new(subject, SimTime.Ms(t), type, ip, country, device, bytes, resource, new Dictionary<string, double> { ["duration"] = Math.Round(duration, 1) });

    private sealed class AttackBuilder(SimRandom rng)
    {
        public SimRandom Rng { get; } = rng;

        public List<SecurityEvent> Events { get; } = [];

        public string SourceIp { get; private set; } = string.Empty;

        public string SourceCountry { get; private set; } = string.Empty;

        public void From(string country, string? ip = null)
        {
            SourceCountry = country;
            SourceIp = ip ?? Countries.Ip(country, Rng);
        }

        public void Add(SecurityEvent value) => Events.Add(value);
    }

    private sealed record AttackPlan(int Number, AttackType Type, DateTimeOffset Time)
    {
        public string Id => $"attack-{Number}";
    }

    private sealed record SubjectPlan(
        int Index,
        string Id,
        string Home,
        string HomeIp,
        double WorkStartLocal,
        double WorkHours,
        double TransferMedian,
        double ConnectionsPerDay,
        double TransfersPerDay,
        SubjectTruth Truth);
}
