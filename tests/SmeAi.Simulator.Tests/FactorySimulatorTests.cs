using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events;
using SmeAi.Simulator.Factory;

namespace SmeAi.Simulator.Tests;

public sealed class FactorySimulatorTests
{
    private static readonly FactorySimulator _simulator = new(Options(seed: 7));
    private static readonly List<SimulatedEvent> _events = [.. _simulator.Events()];

    [Fact]
    public void The_same_seed_gives_the_same_events_and_another_seed_does_not()
    {
        var again = new FactorySimulator(Options(seed: 7));
        Assert.Equal(Support.Fingerprint(_events), Support.Fingerprint(again.Events()));
        Assert.Equal(_simulator.GroundTruth, again.GroundTruth, MachineTruthEquals);

        // Enumerating the same simulator twice also gives the same events.
        Assert.Equal(Support.Fingerprint(_events.Take(1000)), Support.Fingerprint(_simulator.Events().Take(1000)));

        var other = new FactorySimulator(Options(seed: 8));
        Assert.NotEqual(Support.Fingerprint(_events.Take(1000)), Support.Fingerprint(other.Events().Take(1000)));
    }

    [Fact]
    public void Events_are_valid_in_event_time_order_and_inside_the_run()
    {
        Support.AssertValidAndOrdered(_events, _simulator.Start, _simulator.End);
        Support.AssertJsonRoundTrips(_events, every: 97);
        Assert.All(_events, e => Assert.Equal(TopicNames.MachineTelemetry, e.Topic));
    }

    [Fact]
    public void Each_machine_reports_every_interval_with_the_sensor_set_of_its_type()
    {
        var options = Options(seed: 7);
        Assert.Equal(options.MachineCount, _simulator.GroundTruth.Count);
        Assert.Equal(MachineTypes.All.Select(t => t.Name).Order(), _simulator.GroundTruth.Select(m => m.MachineType).Distinct().Order());
        foreach (var machine in _simulator.GroundTruth)
        {
            var expected = MachineTypes.Find(machine.MachineType)!.Sensors.Select(s => s.Name).Order().ToList();
            var telemetry = Telemetry(machine.MachineId).ToList();
            Assert.All(telemetry, t => Assert.Equal(expected, t.Sensors.Keys.Order()));

            // Readings are one interval apart except across downtimes.
            var downtime = machine.Maintenances.Sum(m => (m.Time - m.DowntimeStart).Ticks);
            var expectedCount = (_simulator.End - _simulator.Start - TimeSpan.FromTicks(downtime)) / options.TelemetryInterval;
            Assert.InRange(telemetry.Count, expectedCount - machine.Maintenances.Count - 2, expectedCount + machine.Maintenances.Count + 2);
        }
    }

    [Fact]
    public void Every_failure_follows_a_degradation_window_of_that_machine_and_a_repair_follows_it()
    {
        var failures = _events.Where(e => ((MachineTelemetry)e.Event).Kind == MachineTelemetry.KindFailure).ToList();
        var episodes = _simulator.GroundTruth.SelectMany(m => m.Episodes).ToList();
        Assert.True(episodes.Count >= 8, $"only {episodes.Count} episodes");
        Assert.Equal(episodes.Count, failures.Count);

        foreach (var failure in failures)
        {
            var episode = Assert.Single(episodes, e => e.MachineId == failure.Key && e.FailureTime == failure.Event.Ts);
            Assert.Equal(episode.Id, failure.TruthId);
            Assert.True(episode.Start < episode.FailureTime);
            Assert.InRange(episode.Sensors.Count, 1, 3);

            // The window is visible in the stream: telemetry of that machine, labelled with the episode, up to the failure.
            var window = _events.Where(e => e.TruthId == episode.Id && ((MachineTelemetry)e.Event).Kind == MachineTelemetry.KindTelemetry).ToList();
            Assert.NotEmpty(window);
            Assert.All(window, e => Assert.Equal(failure.Key, e.Key));
            Assert.All(window, e => Assert.InRange(e.Event.Ts, episode.Start, episode.FailureTime));

            // No telemetry while broken, then a maintenance event when repaired.
            Assert.DoesNotContain(Telemetry(failure.Key), t => t.Ts > episode.FailureTime && t.Ts < episode.RepairedAt);
            if (episode.RepairedAt < _simulator.End)
            {
                Assert.Contains(_events, e => e.Key == failure.Key && e.Event.Ts == episode.RepairedAt
                    && ((MachineTelemetry)e.Event).Kind == MachineTelemetry.KindMaintenance);
            }
        }

        var maintenanceEvents = _events.Count(e => ((MachineTelemetry)e.Event).Kind == MachineTelemetry.KindMaintenance);
        Assert.Equal(_simulator.GroundTruth.Sum(m => m.Maintenances.Count), maintenanceEvents);
        Assert.Contains(_simulator.GroundTruth.SelectMany(m => m.Maintenances), m => m.Reason == MaintenanceReason.Routine);
    }

    [Fact]
    public void A_degrading_machines_sensor_z_score_rises_before_failure_and_stays_low_otherwise()
    {
        // Baseline: each machine's own readings outside episodes. Score of an hour: the largest |mean z| over sensors.
        var positives = new List<double>();
        var negatives = new List<double>();
        foreach (var machine in _simulator.GroundTruth)
        {
            var telemetry = _events.Where(e => e.Key == machine.MachineId && ((MachineTelemetry)e.Event).Kind == MachineTelemetry.KindTelemetry).ToList();
            var healthy = telemetry.Where(e => e.TruthId is null).Select(e => ((MachineTelemetry)e.Event).Sensors).ToList();
            var baseline = machine.Sensors.ToDictionary(
                s => s,
                s => (Mean: healthy.Average(h => h[s]), Sd: StandardDeviation(healthy.Select(h => h[s]))));

            foreach (var hour in telemetry.GroupBy(e => (e.Event.Ts - _simulator.Start).Ticks / TimeSpan.TicksPerHour))
            {
                var score = machine.Sensors.Max(s => Math.Abs(hour.Average(e => (((MachineTelemetry)e.Event).Sensors[s] - baseline[s].Mean) / baseline[s].Sd)));
                if (hour.All(e => e.TruthId is null))
                {
                    negatives.Add(score);
                }
            }

            foreach (var episode in machine.Episodes)
            {
                var lastHour = telemetry.Where(e => e.TruthId == episode.Id && e.Event.Ts >= episode.FailureTime - TimeSpan.FromHours(1)).ToList();
                var firstHour = telemetry.Where(e => e.TruthId == episode.Id && e.Event.Ts < episode.Start + TimeSpan.FromHours(1)).ToList();
                double Z(List<SimulatedEvent> span, string sensor) =>
                    Math.Abs(span.Average(e => (((MachineTelemetry)e.Event).Sensors[sensor] - baseline[sensor].Mean) / baseline[sensor].Sd));

                // The affected sensors move far from the machine's own normal, and further than at the start.
                var last = episode.Sensors.Max(s => Z(lastHour, s));
                Assert.True(last > 3, $"{episode.Id}: last-hour |z| {last:F2}");
                Assert.True(last > episode.Sensors.Max(s => Z(firstHour, s)) + 1, $"{episode.Id}: no rise");
                positives.Add(machine.Sensors.Max(s => Z(lastHour, s)));
            }
        }

        Assert.True(Support.RocAuc(positives, negatives) >= 0.98, $"AUC {Support.RocAuc(positives, negatives):F3}");
        var falseAlarms = negatives.Count(score => score > 3) / (double)negatives.Count;
        Assert.True(falseAlarms < 0.01, $"{falseAlarms:P2} of healthy hours have |z| > 3");
    }

    [Fact]
    public void Sensors_follow_a_daily_cycle()
    {
        var machine = _simulator.GroundTruth.First(m => m.MachineType == "compressor");
        var healthy = Telemetry(machine.MachineId).Where(t => !machine.Episodes.Any(e => t.Ts >= e.Start && t.Ts <= e.FailureTime)).ToList();
        var byHour = healthy.GroupBy(t => t.Ts.Hour).ToDictionary(g => g.Key, g => g.Average(t => t.Sensors["current"]));
        Assert.True(byHour.Values.Max() - byHour.Values.Min() > 2, "no visible daily swing in current");
    }

    [Theory]
    [InlineData(nameof(FactorySimulatorOptions.MachineCount))]
    [InlineData(nameof(FactorySimulatorOptions.Duration))]
    [InlineData(nameof(FactorySimulatorOptions.MaxDegradation))]
    [InlineData(nameof(FactorySimulatorOptions.MachineTypes))]
    [InlineData(nameof(FactorySimulatorOptions.Start))]
    [InlineData(nameof(FactorySimulatorOptions.DegradationsPerMachineDay))]
    public void Invalid_options_are_rejected_naming_the_setting(string setting)
    {
        var options = Options(seed: 1);
        switch (setting)
        {
            case nameof(FactorySimulatorOptions.MachineCount): options.MachineCount = 0; break;
            case nameof(FactorySimulatorOptions.Duration): options.Duration = TimeSpan.Zero; break;
            case nameof(FactorySimulatorOptions.MaxDegradation): options.MaxDegradation = TimeSpan.FromHours(1); break;
            case nameof(FactorySimulatorOptions.MachineTypes): options.MachineTypes.Add("toaster"); break;
            case nameof(FactorySimulatorOptions.Start): options.Start = DateTimeOffset.UnixEpoch; break;
            default: options.DegradationsPerMachineDay = double.NaN; break;
        }

        var ex = Assert.Throws<OptionsValidationException>(() => new FactorySimulator(options));
        Assert.Contains($"Simulator:Factory:{setting}", ex.Message, StringComparison.Ordinal);
        Assert.True(new FactorySimulatorOptionsValidator().Validate(null, options).Failed);
    }

    [Theory]
    [InlineData(1e-7)] // one failure in some 27,000 years: the first wait already runs past the year 9999
    [InlineData(double.Epsilon)]
    public void A_tiny_degradation_rate_plans_no_failure_rather_than_overflowing_the_calendar(double rate)
    {
        var options = Options(seed: 1);
        options.DegradationsPerMachineDay = rate;
        Assert.False(new FactorySimulatorOptionsValidator().Validate(null, options).Failed);

        var simulator = new FactorySimulator(options);

        Assert.All(simulator.GroundTruth, machine => Assert.Empty(machine.Episodes));
        Assert.DoesNotContain(simulator.Events(), e => ((MachineTelemetry)e.Event).Kind == MachineTelemetry.KindFailure);
    }

    [Theory]
    [InlineData(3, 1)] // ticks: each next maintenance rounds down to the same millisecond, and planning never ends
    [InlineData(20_000, 5_000)] // 2 ms: some 300 million maintenances per machine-week
    public void A_maintenance_interval_too_short_to_plan_is_rejected_naming_the_setting(long intervalTicks, long durationTicks)
    {
        var options = Options(seed: 1);
        options.MaintenanceInterval = TimeSpan.FromTicks(intervalTicks);
        options.MaintenanceDuration = TimeSpan.FromTicks(durationTicks);

        var result = new FactorySimulatorOptionsValidator().Validate(null, options);

        Assert.True(result.Failed, "the validator accepted a maintenance interval of a few ticks");
        Assert.Contains(result.Failures, f => f.Contains("Simulator:Factory:MaintenanceInterval", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(nameof(FactorySimulatorOptions.MinHealthyPeriod))]
    [InlineData(nameof(FactorySimulatorOptions.MaxDegradation))]
    [InlineData(nameof(FactorySimulatorOptions.MaxRepairTime))]
    [InlineData(nameof(FactorySimulatorOptions.MaintenanceInterval))]
    public void A_period_beyond_the_calendar_is_rejected_naming_the_setting(string setting)
    {
        // Some 27,000 years: a plan that draws it runs past the year 9999 that a date can hold.
        var huge = TimeSpan.FromDays(10_000_000);
        var options = Options(seed: 1);
        switch (setting)
        {
            case nameof(FactorySimulatorOptions.MinHealthyPeriod): options.MinHealthyPeriod = huge; break;
            case nameof(FactorySimulatorOptions.MaxDegradation): options.MaxDegradation = huge; break;
            case nameof(FactorySimulatorOptions.MaxRepairTime): options.MaxRepairTime = huge; break;
            default: options.MaintenanceInterval = huge; break;
        }

        var ex = Assert.Throws<OptionsValidationException>(() => new FactorySimulator(options));
        Assert.Contains($"Simulator:Factory:{setting}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Chosen_machine_types_are_used_in_turn()
    {
        var options = Options(seed: 1);
        options.Duration = TimeSpan.FromHours(2);
        options.MachineTypes.Add("press");
        options.MachineTypes.Add("pump");
        var simulator = new FactorySimulator(options);
        Assert.Equal(["press", "pump", "press"], simulator.GroundTruth.Take(3).Select(m => m.MachineType));
        Assert.Equal("m-1", simulator.GroundTruth[0].MachineId);
    }

    private static FactorySimulatorOptions Options(long seed) => new()
    {
        Seed = seed,
        MachineCount = 12,
        Duration = TimeSpan.FromDays(4),
        DegradationsPerMachineDay = 0.4,
        MaintenanceInterval = TimeSpan.FromDays(1.5),
    };

    private static IEnumerable<MachineTelemetry> Telemetry(string machineId) =>
        _events.Where(e => e.Key == machineId).Select(e => (MachineTelemetry)e.Event).Where(t => t.Kind == MachineTelemetry.KindTelemetry);

    private static double StandardDeviation(IEnumerable<double> values)
    {
        var list = values.ToList();
        var mean = list.Average();
        return Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1));
    }

    private static bool MachineTruthEquals(MachineTruth a, MachineTruth b) =>
        a.MachineId == b.MachineId && a.MachineType == b.MachineType
        && a.Sensors.SequenceEqual(b.Sensors)
        && a.Maintenances.SequenceEqual(b.Maintenances)
        && a.Episodes.Select(e => (e.Id, e.Start, e.FailureTime, e.RepairedAt, string.Join(",", e.Sensors)))
            .SequenceEqual(b.Episodes.Select(e => (e.Id, e.Start, e.FailureTime, e.RepairedAt, string.Join(",", e.Sensors))));
}
