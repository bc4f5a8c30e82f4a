using System.Globalization;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events;
using SmeAi.Evaluation.Datasets;
using SmeAi.ML.Datasets;

namespace SmeAi.Evaluation.Replay;

/// <summary>
/// Maps each dataset onto the input contracts (ARCHITECTURE.md) with ground truth and the held-out split of a seed, the
/// same split the model-quality evaluation uses, so a replay through Kafka and the grains can be scored on the same rows.
/// </summary>
public static class DatasetReplays
{
    /// <summary>Share of rows (or engines) held out for the metrics.</summary>
    public const double TestFraction = 0.25;

    /// <summary>
    /// The training customers' cancellations come this long after their profile: well within the trainer's label horizon,
    /// and short, so the held-out part can follow the last training profile closely (see <see cref="TelcoChurn"/>).
    /// </summary>
    public static readonly TimeSpan TelcoCancelAfter = TimeSpan.FromSeconds(30);

    /// <summary>
    /// One <c>profile</c> event per customer carrying every column of the row as attributes (with the contract in the
    /// contract's lower-case form under <c>contract</c>) and the monthly charge as the amount. The training customers
    /// come first, one a minute in file order, each churner with a <c>cancel</c> half a minute after its profile (the label
    /// the trainer learns from); then the held-out customers, one a second from a minute after the last training event,
    /// without a cancel: their label stays with the replay, so nothing trains on it. The held-out part spans less than
    /// the trainer's drift cooldown and retraining interval, so a model trained on the training part scores all of it. A profile item's label is whether
    /// the customer churned; a cancel item's is true.
    /// </summary>
    /// <param name="maxRows">At most this many customers, subsampled and split as the offline evaluation does (all by default).</param>
    /// <param name="testFraction">The held-out share, as the offline evaluation's.</param>
    public static DatasetReplay<CustomerEvent> TelcoChurn(string datasetsDirectory, int seed, int? maxRows = null, double testFraction = TestFraction)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetsDirectory);
        var path = Path.Combine(datasetsDirectory, "telco-churn", "telco-churn-dev.csv");
        var data = ML.Datasets.TelcoChurn.Load(path);
        var (kept, split) = HeldOutSplit.OfSubsample(data.Labels, maxRows, testFraction, seed);
        var heldOut = split.Test.Select(k => kept[k]).ToHashSet();
        using var reader = new StreamReader(path);
        var rows = CsvReader.ReadRows(reader).ToList();
        var header = rows[0];
        CustomerEvent Profile(int row, DateTimeOffset ts)
        {
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var c = 0; c < header.Length; c++)
            {
                if (header[c] is not ("customerID" or "Churn"))
                {
                    attributes[header[c]] = rows[row + 1][c].Trim();
                }
            }

            attributes["contract"] = attributes["Contract"].ToLowerInvariant();
            var monthly = double.Parse(attributes["MonthlyCharges"], CultureInfo.InvariantCulture);
            return new CustomerEvent(data.CustomerIds[row], ts, "profile", monthly, attributes);
        }

        var training = new List<ReplayItem<CustomerEvent>>();
        var minute = 0;
        foreach (var i in kept)
        {
            if (heldOut.Contains(i))
            {
                continue;
            }

            var profile = Profile(i, ReplayClock.Epoch.AddMinutes(minute++));
            training.Add(new ReplayItem<CustomerEvent>(profile, data.Labels[i], false));
            if (data.Labels[i])
            {
                var cancel = new CustomerEvent(profile.CustomerId, profile.Ts + TelcoCancelAfter, "cancel", null, null);
                training.Add(new ReplayItem<CustomerEvent>(cancel, true, false));
            }
        }

        var items = training.OrderBy(i => i.Event.Ts).ToList();
        var heldOutStart = items[^1].Event.Ts.AddMinutes(1);
        var second = 0;
        foreach (var i in kept)
        {
            if (heldOut.Contains(i))
            {
                items.Add(new ReplayItem<CustomerEvent>(Profile(i, heldOutStart.AddSeconds(second++)), data.Labels[i], true));
            }
        }

        return new DatasetReplay<CustomerEvent>("telco-churn", TopicNames.CustomerEvents, seed, items);
    }

    /// <summary>
    /// One <c>connection</c> event per record; the subject is the destination service, and <c>features</c> holds the
    /// encoded row (<see cref="NslKdd.Schema"/> names) so a replay scores exactly what the evaluation scores. As offline,
    /// the anomaly model learns normal traffic only: the training part's normal connections come first, one a second in
    /// file order (its attacks are not sent), then the held-out connections, normal and attacks, one every half second
    /// from a second after, so the held-out part spans less than the trainer's drift cooldown and retraining interval.
    /// </summary>
    /// <param name="maxRows">At most this many connections, subsampled and split as the offline evaluation does (all by default).</param>
    /// <param name="testFraction">The held-out share, as the offline evaluation's.</param>
    public static DatasetReplay<SecurityEvent> NslKdd(string datasetsDirectory, int seed, int? maxRows = null, double testFraction = TestFraction)
    {
        var data = Datasets.NslKdd.Load(datasetsDirectory);
        var (kept, split) = HeldOutSplit.OfSubsample(data.Labels, maxRows, testFraction, seed);
        var heldOut = split.Test.Select(k => kept[k]).ToHashSet();
        var names = data.Schema.FeatureNames;
        var bytesIn = names.IndexOf("log_src_bytes");
        var bytesOut = names.IndexOf("log_dst_bytes");
        SecurityEvent Connection(int i, DateTimeOffset ts)
        {
            var row = data.Rows[i];
            var features = new Dictionary<string, double>(names.Length, StringComparer.Ordinal);
            for (var f = 0; f < names.Length; f++)
            {
                features[names[f]] = row[f];
            }

            var bytes = (long)Math.Round(Math.Exp(row[bytesIn]) - 1 + Math.Exp(row[bytesOut]) - 1);
            return new SecurityEvent($"kdd-{data.Services[i]}", ts, "connection", null, null, null, bytes, data.Services[i], features);
        }

        var items = new List<ReplayItem<SecurityEvent>>(kept.Length);
        var second = 0;
        foreach (var i in kept)
        {
            if (!heldOut.Contains(i) && !data.Labels[i])
            {
                items.Add(new ReplayItem<SecurityEvent>(Connection(i, ReplayClock.Epoch.AddSeconds(second++)), false, false));
            }
        }

        var heldOutStart = ReplayClock.Epoch.AddSeconds(second);
        var halfSeconds = 0;
        foreach (var i in kept)
        {
            if (heldOut.Contains(i))
            {
                items.Add(new ReplayItem<SecurityEvent>(Connection(i, heldOutStart.AddMilliseconds(500 * halfSeconds++)), data.Labels[i], true));
            }
        }

        return new DatasetReplay<SecurityEvent>("nsl-kdd", TopicNames.SecurityEvents, seed, items);
    }

    /// <summary>
    /// AI4I flags each reading whose process failed. The failure classifier is labelled by <c>failure</c> events, which mark
    /// the machine's rows within the trainer's label horizon before them; for AI4I the horizon must be shorter than the
    /// time between two readings of a machine (one minute), so a failure marks exactly the reading it flags.
    /// </summary>
    public static readonly TimeSpan Ai4iLabelHorizon = TimeSpan.FromSeconds(30);

    /// <summary>
    /// One machine per product quality type (<c>ai4i-L</c>, <c>ai4i-M</c>, <c>ai4i-H</c>) streaming the five process
    /// sensors. The training readings come first, one minute of event time per UDI in UDI order (with
    /// <paramref name="maxRows"/>, the offline evaluation's stratified subsample, one minute per kept reading); a flagged training
    /// reading is followed by a <c>failure</c> event at its time (label true), which with <see cref="Ai4iLabelHorizon"/>
    /// labels that reading for the machine's failure classifier. Then the held-out readings of the offline split, in UDI
    /// order, one a second from a minute after the last training reading and without failure events, so they span less
    /// than the trainer's drift cooldown and retraining interval and no model that scores them has trained on them or their
    /// labels. A reading item's label is its machine-failure flag.
    /// </summary>
    /// <param name="maxRows">At most this many readings, subsampled and split as the offline evaluation does (all by default).</param>
    /// <param name="testFraction">The held-out share, as the offline evaluation's.</param>
    public static DatasetReplay<MachineTelemetry> Ai4i2020(string datasetsDirectory, int seed, int? maxRows = null, double testFraction = TestFraction)
    {
        var data = Datasets.Ai4i2020.Load(datasetsDirectory);
        var (kept, split) = HeldOutSplit.OfSubsample(data.Labels, maxRows, testFraction, seed);
        var readings = kept.Select(i => data.Readings[i]).ToList();
        var heldOut = split.Test.ToHashSet();
        MachineTelemetry Reading(Ai4iReading r, DateTimeOffset ts) => new(
            MachineId(r), ts, MachineTelemetry.KindTelemetry, new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["air_temperature_k"] = r.AirTemperatureK,
                ["process_temperature_k"] = r.ProcessTemperatureK,
                ["rotational_speed_rpm"] = r.RotationalSpeedRpm,
                ["torque_nm"] = r.TorqueNm,
                ["tool_wear_min"] = r.ToolWearMin,
            });

        var items = new List<ReplayItem<MachineTelemetry>>(readings.Count + readings.Count(r => r.MachineFailure));
        var lastTraining = ReplayClock.Epoch;
        for (var i = 0; i < readings.Count; i++)
        {
            if (heldOut.Contains(i))
            {
                continue;
            }

            // UDIs run 1, 2, ... in file order, so without a subsample the minute is the UDI.
            var r = readings[i];
            lastTraining = ReplayClock.Epoch.AddMinutes(i + 1);
            items.Add(new ReplayItem<MachineTelemetry>(Reading(r, lastTraining), r.MachineFailure, false));
            if (r.MachineFailure)
            {
                var failure = new MachineTelemetry(MachineId(r), lastTraining, MachineTelemetry.KindFailure, new Dictionary<string, double>(StringComparer.Ordinal));
                items.Add(new ReplayItem<MachineTelemetry>(failure, true, false));
            }
        }

        var heldOutStart = lastTraining.AddMinutes(1);
        var second = 0;
        for (var i = 0; i < readings.Count; i++)
        {
            if (heldOut.Contains(i))
            {
                var r = readings[i];
                items.Add(new ReplayItem<MachineTelemetry>(Reading(r, heldOutStart.AddSeconds(second++)), r.MachineFailure, true));
            }
        }

        return new DatasetReplay<MachineTelemetry>("ai4i2020", TopicNames.MachineTelemetry, seed, items);

        static string MachineId(Ai4iReading r) => $"ai4i-{r.Type}";
    }

    /// <summary>
    /// One machine per engine (<c>fd001-&lt;n&gt;</c>) streaming its cycles as telemetry, cycle c at epoch + c hours, the 14
    /// informative sensors; after the last cycle a <c>failure</c> event (label true) at the same time. Engines are held
    /// out whole, and a held-out engine's failure is kept as truth only (<see cref="ReplayItem{TEvent}.TruthOnly"/>): sent,
    /// it would label that engine's cycles for the trainers, whose next models score the other held-out engines.
    /// </summary>
    /// <param name="maxEngines">The first this many engines only, as the offline evaluation takes them (all by default).</param>
    /// <param name="testFraction">The held-out share of engines, as the offline evaluation's.</param>
    public static DatasetReplay<MachineTelemetry> CmapssFd001(string datasetsDirectory, int seed, int? maxEngines = null, double testFraction = TestFraction)
    {
        var data = Datasets.CmapssFd001.Load(datasetsDirectory);
        var engines = data.Engines.Take(maxEngines ?? int.MaxValue).ToArray();
        var heldOut = HeldOutSplit.Groups(engines, testFraction, seed);
        var replayed = engines.ToHashSet();
        var items = new List<ReplayItem<MachineTelemetry>>(data.Cycles.Count + engines.Length);
        foreach (var cycle in data.Cycles.Where(c => replayed.Contains(c.Engine)).OrderBy(c => c.Cycle).ThenBy(c => c.Engine))
        {
            var machine = MachineId(cycle.Engine);
            var sensors = Datasets.CmapssFd001.InformativeSensors.ToDictionary(Datasets.CmapssFd001.SensorName, s => cycle.Sensors[s - 1], StringComparer.Ordinal);
            var ts = CycleTime(cycle.Cycle);
            var isHeldOut = heldOut.Contains(cycle.Engine);
            items.Add(new ReplayItem<MachineTelemetry>(new MachineTelemetry(machine, ts, MachineTelemetry.KindTelemetry, sensors), false, isHeldOut));
            if (cycle.Cycle == data.FailureCycle[cycle.Engine])
            {
                var failure = new MachineTelemetry(machine, ts, MachineTelemetry.KindFailure, new Dictionary<string, double>(StringComparer.Ordinal));
                items.Add(new ReplayItem<MachineTelemetry>(failure, true, isHeldOut) { TruthOnly = isHeldOut });
            }
        }

        return new DatasetReplay<MachineTelemetry>("cmapss-fd001", TopicNames.MachineTelemetry, seed, items);
    }

    public static string MachineId(int engine) => $"fd001-{engine}";

    /// <summary>One cycle is one hour of event time.</summary>
    public static DateTimeOffset CycleTime(int cycle) => ReplayClock.Epoch.AddHours(cycle);
}
