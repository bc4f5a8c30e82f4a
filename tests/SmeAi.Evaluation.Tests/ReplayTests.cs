using SmeAi.Abstractions;
using SmeAi.Abstractions.Events;
using SmeAi.Evaluation.Datasets;
using SmeAi.Evaluation.Replay;

namespace SmeAi.Evaluation.Tests;

public sealed class ReplayTests
{
    [Fact]
    public void Telco_replay_is_one_profile_per_customer_with_cancels_for_training_churners_and_the_held_out_quarter_last()
    {
        var replay = DatasetReplays.TelcoChurn(DatasetsFolder.Path, seed: 7);

        Assert.Equal(TopicNames.CustomerEvents, replay.Topic);
        var profiles = replay.Items.Where(i => i.Event.Type == "profile").ToList();
        Assert.Equal(5_650, profiles.Count);
        Assert.Equal(5_650, profiles.Select(i => i.Event.CustomerId).Distinct().Count());
        Assert.Equal(1_518, profiles.Count(i => i.Label));
        var first = profiles.Single(i => i.Event.CustomerId == "7590-VHVEG").Event;
        Assert.Equal(("month-to-month", 29.85, "1"), (first.Attributes!["contract"], first.Amount!.Value, first.Attributes["tenure"]));

        var heldOut = profiles.Where(i => i.HeldOut).ToList();
        Assert.InRange(heldOut.Count, 1_400, 1_425);
        Assert.InRange(heldOut.Count(i => i.Label) / (double)heldOut.Count, 0.25, 0.29);
        var cancels = replay.Items.Where(i => i.Event.Type == "cancel").ToList();
        Assert.Equal(profiles.Where(i => !i.HeldOut && i.Label).Select(i => i.Event.CustomerId).Order(), cancels.Select(i => i.Event.CustomerId).Order());
        Assert.All(cancels, c => Assert.Equal(DatasetReplays.TelcoCancelAfter, c.Event.Ts - profiles.Single(p => p.Event.CustomerId == c.Event.CustomerId).Event.Ts));
        Assert.True(replay.Items.Zip(replay.Items.Skip(1)).All(p => p.First.Event.Ts <= p.Second.Event.Ts));
        Assert.True(heldOut.Min(i => i.Event.Ts) > replay.Items.Where(i => !i.HeldOut).Max(i => i.Event.Ts));
    }

    [Fact]
    public void Limited_replays_replay_the_subsample_and_the_share_the_offline_evaluation_uses()
    {
        var telco = DatasetReplays.TelcoChurn(DatasetsFolder.Path, seed: 7, maxRows: 1_000, testFraction: 0.2);
        var profiles = telco.Items.Where(i => i.Event.Type == "profile").ToList();
        var kdd = DatasetReplays.NslKdd(DatasetsFolder.Path, seed: 7, maxRows: 1_000, testFraction: 0.2);
        var cmapss = DatasetReplays.CmapssFd001(DatasetsFolder.Path, seed: 7, maxEngines: 20, testFraction: 0.2);

        Assert.Equal(1_000, profiles.Select(i => i.Event.CustomerId).Distinct().Count());
        Assert.Equal(200, profiles.Count(i => i.HeldOut));
        Assert.Equal(200, kdd.Items.Count(i => i.HeldOut));
        Assert.Equal(Enumerable.Range(1, 20).Select(DatasetReplays.MachineId).Order(), cmapss.Items.Select(i => i.Event.MachineId).Distinct().Order());
        Assert.Equal(4, cmapss.Items.Where(i => i.HeldOut).Select(i => i.Event.MachineId).Distinct().Count());
    }

    [Fact]
    public void The_same_seed_gives_the_same_held_out_rows_and_another_seed_other_rows()
    {
        static string[] HeldOut(int seed) => [.. DatasetReplays.TelcoChurn(DatasetsFolder.Path, seed).Items.Where(i => i.HeldOut).Select(i => i.Event.CustomerId).Order()];

        Assert.Equal(HeldOut(11), HeldOut(11));
        Assert.NotEqual(HeldOut(11), HeldOut(12));
    }

    [Fact]
    public void Nsl_kdd_replay_sends_the_training_parts_normal_connections_then_the_held_out_part_with_encoded_features()
    {
        var replay = DatasetReplays.NslKdd(DatasetsFolder.Path, seed: 7);
        var data = NslKdd.Load(DatasetsFolder.Path);
        var split = HeldOutSplit.Stratified(data.Labels, DatasetReplays.TestFraction, 7);

        var training = replay.Items.Where(i => !i.HeldOut).ToList();
        Assert.Equal(split.Train.Count(i => !data.Labels[i]), training.Count);
        Assert.DoesNotContain(training, i => i.Label);
        var heldOut = replay.Items.Where(i => i.HeldOut).ToList();
        Assert.Equal(split.Test.Count, heldOut.Count);
        Assert.Equal(split.Test.Count(i => data.Labels[i]), heldOut.Count(i => i.Label));
        Assert.True(heldOut.Min(i => i.Event.Ts) > training.Max(i => i.Event.Ts));
        Assert.True(heldOut[^1].Event.Ts - heldOut[0].Event.Ts < TimeSpan.FromHours(1));

        var row = split.Train.Order().First(i => !data.Labels[i]);
        var item = training[0].Event;
        Assert.Equal(data.Schema.FeatureNames.Select((n, f) => (double)data.Rows[row][f]), data.Schema.FeatureNames.Select(n => item.Features![n]));
        Assert.True(replay.Items.Zip(replay.Items.Skip(1)).All(p => p.First.Event.Ts < p.Second.Event.Ts));
    }

    [Fact]
    public void Cmapss_replay_streams_each_engine_hourly_and_ends_it_with_a_failure_event_and_holds_out_whole_engines_without_sending_their_failures()
    {
        var replay = DatasetReplays.CmapssFd001(DatasetsFolder.Path, seed: 7);

        Assert.Equal(20_631 + 100, replay.Items.Count);
        var failures = replay.Items.Where(i => i.Event.Kind == MachineTelemetry.KindFailure).ToList();
        Assert.Equal(100, failures.Count);
        Assert.All(failures, f => Assert.True(f.Label));
        Assert.DoesNotContain(replay.Items, i => i.Label && i.Event.Kind == MachineTelemetry.KindTelemetry);
        var engine1 = replay.Items.Where(i => i.Event.MachineId == "fd001-1").ToList();
        Assert.Equal(ReplayClock.Epoch.AddHours(1), engine1[0].Event.Ts);
        Assert.Equal(ReplayClock.Epoch.AddHours(192), engine1[^1].Event.Ts);
        Assert.Equal(MachineTelemetry.KindFailure, engine1[^1].Event.Kind);
        Assert.True(replay.Items.Zip(replay.Items.Skip(1)).All(p => p.First.Event.Ts <= p.Second.Event.Ts), "event time never goes back");
        var heldOutPerMachine = replay.Items.GroupBy(i => i.Event.MachineId).Select(g => g.Select(i => i.HeldOut).Distinct().Single()).ToList();
        Assert.Equal(25, heldOutPerMachine.Count(h => h));

        // A held-out engine's failure is truth for the metrics only: the silo sees the training engines' 75 failures.
        Assert.All(failures, f => Assert.Equal(f.HeldOut, f.TruthOnly));
        Assert.Equal(20_631 + 75, replay.Sent.Count);
        Assert.Equal(75, replay.Sent.Count(e => e.Kind == MachineTelemetry.KindFailure));
        Assert.DoesNotContain(replay.Items, i => i.TruthOnly && i.Event.Kind != MachineTelemetry.KindFailure);
    }

    [Fact]
    public void Ai4i_replay_labels_flagged_training_readings_with_failure_events_and_sends_the_held_out_readings_last_without_them()
    {
        var replay = DatasetReplays.Ai4i2020(DatasetsFolder.Path, seed: 7);

        var readings = replay.Items.Where(i => i.Event.Kind == MachineTelemetry.KindTelemetry).ToList();
        Assert.Equal(10_000, readings.Count);
        Assert.Equal(339, readings.Count(i => i.Label));
        Assert.Equal(["ai4i-H", "ai4i-L", "ai4i-M"], readings.Select(i => i.Event.MachineId).Distinct().Order(StringComparer.Ordinal));
        Assert.All(readings, i => Assert.Equal(5, i.Event.Sensors.Count));

        // Each flagged training reading, and no other reading, is followed by its machine's failure at the same time.
        var failures = replay.Items.Where(i => i.Event.Kind == MachineTelemetry.KindFailure).ToList();
        Assert.DoesNotContain(failures, f => f.HeldOut);
        Assert.Equal(
            readings.Where(i => !i.HeldOut && i.Label).Select(i => (i.Event.MachineId, i.Event.Ts)),
            failures.Select(f => (f.Event.MachineId, f.Event.Ts)));
        Assert.True(replay.Items.Zip(replay.Items.Skip(1)).All(p => p.First.Event.Ts <= p.Second.Event.Ts), "event time never goes back");
        Assert.True(
            readings.Where(i => !i.HeldOut).GroupBy(i => i.Event.MachineId).All(g => g.Zip(g.Skip(1)).All(p => p.Second.Event.Ts - p.First.Event.Ts > DatasetReplays.Ai4iLabelHorizon)),
            "a failure labels only the reading it flags");

        var heldOut = readings.Where(i => i.HeldOut).ToList();
        Assert.InRange(heldOut.Count, 2_490, 2_510);
        Assert.True(heldOut.Min(i => i.Event.Ts) > replay.Items.Where(i => !i.HeldOut).Max(i => i.Event.Ts));
        Assert.True(heldOut[^1].Event.Ts - heldOut[0].Event.Ts < TimeSpan.FromHours(1));
    }
}
