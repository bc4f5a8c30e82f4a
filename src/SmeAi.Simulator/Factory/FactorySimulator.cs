using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events;
using SmeAi.Simulator.Internal;

namespace SmeAi.Simulator.Factory;

/// <summary>
/// A factory floor: machines of a few types report their sensors every <see cref="FactorySimulatorOptions.TelemetryInterval"/>.
/// Readings follow the machine's own levels with noise, a daily load cycle and a slow drift that routine maintenance
/// resets. Degradation episodes make 1 to 3 sensors deviate more and more over hours until a <c>failure</c> event;
/// a repair (no telemetry) ends with a <c>maintenance</c> event and the machine back to normal.
/// </summary>
/// <remarks>
/// Everything is planned in the constructor from the options (the <see cref="GroundTruth"/> is known up front),
/// and readings are drawn lazily from per-machine generators, so enumeration is deterministic and never reads a clock.
/// </remarks>
public sealed class FactorySimulator : IEventSimulator
{
    // Drift: an Ornstein-Uhlenbeck process per sensor with this time constant and stationary spread (in noise units).
    private const double DriftTimeConstantDays = 3.0;
    private const double DriftSpread = 0.3;

    private readonly MachinePlan[] _machines;
    private readonly long _seed;
    private readonly TimeSpan _interval;

    /// <exception cref="OptionsValidationException">The options are invalid; the message names each problem.</exception>
    public FactorySimulator(FactorySimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new FactorySimulatorOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(FactorySimulatorOptions), validation.Failures);
        }

        _seed = options.Seed;
        _interval = options.TelemetryInterval;
        Start = options.Start;
        End = options.Start + options.Duration;
        var types = options.ResolveMachineTypes();
        _machines = [.. Enumerable.Range(0, options.MachineCount).Select(i => Plan(options, i, types[i % types.Count]))];
        GroundTruth = [.. _machines.Select(machine => machine.Truth)];
    }

    /// <summary>Event time of the first possible event.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Events are strictly before this time.</summary>
    public DateTimeOffset End { get; }

    /// <summary>Per machine: type, sensors, degradation episodes (each ending in a failure) and maintenances.</summary>
    public IReadOnlyList<MachineTruth> GroundTruth { get; }

    public IEnumerable<SimulatedEvent> Events() => EventMerge.Merge([.. _machines.Select(MachineEvents)]);

    private static MachinePlan Plan(FactorySimulatorOptions options, int index, MachineType type)
    {
        var rng = SimRandom.For(options.Seed, "factory-plan", index);
        var id = $"{options.IdPrefix}{index + 1}";
        var sensors = type.Sensors.Select(spec =>
        {
            var level = spec.Level * (1 + (0.05 * rng.Normal()));
            return new SensorPlan(
                spec,
                level,
                spec.Noise * rng.Uniform(0.8, 1.2),
                spec.DailyAmplitude * rng.Uniform(0.5, 1.5),
                14 + rng.Normal(0, 1.5));
        }).ToArray();

        var end = options.Start + options.Duration;
        var episodes = new List<EpisodePlan>();
        var maintenances = new List<MaintenanceRecord>();
        var routine = options.MaintenanceInterval > TimeSpan.Zero;
        var nextRoutine = routine ? SimTime.Ms(options.Start + (options.MaintenanceInterval * rng.Uniform(0.3, 1.3))) : DateTimeOffset.MaxValue;
        var healthyFrom = options.Start;

        void AddRoutinesUntil(DateTimeOffset limit)
        {
            while (nextRoutine <= limit && nextRoutine < end)
            {
                var downtimeStart = nextRoutine - options.MaintenanceDuration;
                if (downtimeStart >= healthyFrom)
                {
                    maintenances.Add(new MaintenanceRecord(id, downtimeStart, nextRoutine, MaintenanceReason.Routine));
                }

                nextRoutine = SimTime.Ms(nextRoutine + (options.MaintenanceInterval * rng.Uniform(0.8, 1.2)));
            }
        }

        while (options.DegradationsPerMachineDay > 0)
        {
            var waitDays = rng.Exponential(1 / options.DegradationsPerMachineDay);
            var degradation = rng.Uniform(options.MinDegradation, options.MaxDegradation);
            if (SimTime.AddDaysBefore(healthyFrom + options.MinHealthyPeriod, waitDays, end) is not { } waited)
            {
                break;
            }

            var start = SimTime.Ms(waited);
            var failure = SimTime.Ms(start + degradation);
            if (failure >= end)
            {
                break;
            }

            AddRoutinesUntil(start);
            var repaired = SimTime.Ms(failure + rng.Uniform(options.MinRepairTime, options.MaxRepairTime));
            var affected = rng.Sample(sensors.Length, rng.Between(1, Math.Min(3, sensors.Length)));
            var truth = new DegradationEpisode(
                $"{id}/failure-{episodes.Count + 1}", id, start, failure, repaired, [.. affected.Select(k => sensors[k].Spec.Name)]);
            episodes.Add(new EpisodePlan(
                truth,
                [.. affected],
                [.. affected.Select(_ => rng.Uniform(5, 8))],
                rng.Uniform(1.5, 2.5)));
            if (repaired < end)
            {
                maintenances.Add(new MaintenanceRecord(id, failure, repaired, MaintenanceReason.Repair));
            }

            healthyFrom = repaired;
            if (routine && nextRoutine - options.MaintenanceDuration < repaired)
            {
                nextRoutine = SimTime.Ms(repaired + (options.MaintenanceInterval * rng.Uniform(0.8, 1.2)));
            }
        }

        AddRoutinesUntil(end);
        maintenances.Sort((a, b) => a.Time.CompareTo(b.Time));
        var offset = TimeSpan.FromTicks((long)(options.TelemetryInterval.Ticks * rng.NextDouble()));
        var machineTruth = new MachineTruth(
            id, type.Name, [.. sensors.Select(s => s.Spec.Name)], [.. episodes.Select(e => e.Truth)], maintenances);
        return new MachinePlan(index, id, sensors, [.. episodes], offset, machineTruth);
    }

    private IEnumerable<SimulatedEvent> MachineEvents(MachinePlan machine)
    {
        var rng = SimRandom.For(_seed, "factory-run", machine.Index);
        var id = machine.Id;
        var sensors = machine.Sensors;

        // Failures and maintenances in time order, and the spans without telemetry.
        var milestones = machine.Episodes
            .Select(e => (Time: e.Truth.FailureTime, Kind: MachineTelemetry.KindFailure, TruthId: (string?)e.Truth.Id))
            .Concat(machine.Truth.Maintenances.Select(m => (m.Time, Kind: MachineTelemetry.KindMaintenance, TruthId: (string?)null)))
            .Where(m => m.Time < End)
            .OrderBy(m => m.Time)
            .ToList();
        var downtimes = machine.Episodes.Select(e => (From: e.Truth.FailureTime, To: e.Truth.RepairedAt))
            .Concat(machine.Truth.Maintenances.Where(m => m.Reason == MaintenanceReason.Routine).Select(m => (From: m.DowntimeStart, To: m.Time)))
            .OrderBy(d => d.From)
            .ToList();

        var stepDays = _interval.TotalDays;
        var decay = Math.Exp(-stepDays / DriftTimeConstantDays);
        var driftStep = DriftSpread * Math.Sqrt(1 - (decay * decay));
        var drift = new double[sensors.Length];
        int nextMilestone = 0, nextDowntime = 0, nextEpisode = 0;

        for (var t = Start + machine.Offset; t < End; t += _interval)
        {
            while (nextMilestone < milestones.Count && milestones[nextMilestone].Time <= t)
            {
                var milestone = milestones[nextMilestone++];
                if (milestone.Kind == MachineTelemetry.KindMaintenance)
                {
                    Array.Clear(drift);
                }

                yield return Milestone(id, milestone.Time, milestone.Kind, milestone.TruthId);
            }

            for (var k = 0; k < drift.Length; k++)
            {
                drift[k] = (drift[k] * decay) + (driftStep * rng.Normal());
            }

            while (nextDowntime < downtimes.Count && downtimes[nextDowntime].To <= t)
            {
                nextDowntime++;
            }

            if (nextDowntime < downtimes.Count && downtimes[nextDowntime].From <= t)
            {
                continue;
            }

            while (nextEpisode < machine.Episodes.Length && machine.Episodes[nextEpisode].Truth.FailureTime <= t)
            {
                nextEpisode++;
            }

            var episode = nextEpisode < machine.Episodes.Length && machine.Episodes[nextEpisode].Truth.Start <= t
                ? machine.Episodes[nextEpisode]
                : null;
            yield return new SimulatedEvent(
                TopicNames.MachineTelemetry, id, Reading(id, t, sensors, drift, episode, rng), episode?.Truth.Id);
        }

        while (nextMilestone < milestones.Count)
        {
            var milestone = milestones[nextMilestone++];
            yield return Milestone(id, milestone.Time, milestone.Kind, milestone.TruthId);
        }
    }

    private static MachineTelemetry Reading(
        string id, DateTimeOffset t, SensorPlan[] sensors, double[] drift, EpisodePlan? episode, SimRandom rng)
    {
        var hour = t.UtcDateTime.TimeOfDay.TotalHours;
        var progress = episode is null
            ? 0
            : (t - episode.Truth.Start) / (episode.Truth.FailureTime - episode.Truth.Start);
        var values = new Dictionary<string, double>(sensors.Length, StringComparer.Ordinal);
        for (var k = 0; k < sensors.Length; k++)
        {
            var sensor = sensors[k];
            var noise = sensor.Noise;
            var deviation = 0.0;
            if (episode is not null && Array.IndexOf(episode.SensorIndices, k) is var slot and >= 0)
            {
                // Severity is in units of the sensor's whole normal spread (noise, daily swing and drift), so that
                // at failure the reading is far outside the machine's usual range.
                deviation = sensor.Spec.DegradationDirection * episode.Severities[slot] * sensor.NormalSpread * Math.Pow(progress, episode.Shape);

                // A degrading part is also less steady.
                noise *= 1 + (0.5 * progress);
            }

            var value = sensor.Level
                + (sensor.DailyAmplitude * Math.Sin(2 * Math.PI * (hour - sensor.PeakHour + 6) / 24))
                + (drift[k] * sensor.Noise)
                + deviation
                + (noise * rng.Normal());
            values[sensor.Spec.Name] = Math.Round(Math.Max(0, value), 4);
        }

        return new MachineTelemetry(id, SimTime.Ms(t), MachineTelemetry.KindTelemetry, values);
    }

    private static SimulatedEvent Milestone(string id, DateTimeOffset time, string kind, string? truthId) =>
        new(TopicNames.MachineTelemetry, id, new MachineTelemetry(id, time, kind, new Dictionary<string, double>(0)), truthId);

    private sealed record SensorPlan(SensorSpec Spec, double Level, double Noise, double DailyAmplitude, double PeakHour)
    {
        public double NormalSpread { get; } =
            Math.Sqrt((Noise * Noise * (1 + (DriftSpread * DriftSpread))) + (DailyAmplitude * DailyAmplitude / 2));
    }

    private sealed record EpisodePlan(DegradationEpisode Truth, int[] SensorIndices, double[] Severities, double Shape);

    private sealed record MachinePlan(int Index, string Id, SensorPlan[] Sensors, EpisodePlan[] Episodes, TimeSpan Offset, MachineTruth Truth);
}
