using System.Net.Http.Json;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Outputs;
using SmeAi.Simulator;
using SmeAi.Simulator.Kafka;
using SmeAi.Testing;
using Xunit.Abstractions;

namespace SmeAi.IntegrationTests;

/// <summary>
/// The whole pipeline against the simulator's ground truth: days of factory and security events are produced to the
/// embedded broker as fast as possible; the silo's alerts on the output topics are compared with what the simulator
/// planned (degradations before failures, attacks).
/// </summary>
public sealed class DetectionTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Span = TimeSpan.FromDays(4);
    private static readonly TimeSpan WarmUp = TimeSpan.FromDays(1);
    private static readonly TimeSpan Step = TimeSpan.FromHours(6);
    private ReplaySilo _silo = null!;

    public async Task InitializeAsync() => _silo = await ReplaySilo.StartAsync();

    public async Task DisposeAsync() => await (_silo?.DisposeAsync() ?? ValueTask.CompletedTask); // null when the silo never started

    [Fact]
    public async Task Failures_and_attacks_are_alerted_with_few_false_alerts()
    {
        var options = new SimulatorOptions().ApplyToAll(seed: 42, start: Start, duration: Span);
        options.Customers.Enabled = false;
        options.Factory.DegradationsPerMachineDay = 0.3;
        options.Security.AttacksPerDay = 6;
        var stream = SimulatedEventStream.Create(options);
        var (bootstrap, producer) = (_silo.Bootstrap, _silo.Producer);
        var events = stream.ToList();

        // The first day is the warm-up a user would give a new installation: the first models train on it.
        var warmup = await producer.ProduceAsync(events.Where(e => e.Event.Ts < Start + WarmUp));
        await _silo.WaitForEventsAsync(warmup.Produced);
        var models = await _silo.WaitForModelsAsync(FirstModelsPublished, TimeSpan.FromMinutes(5));
        output.WriteLine($"models: {ReplaySilo.Describe(models)}");

        // Then the rest in steps of the trainers' event-time schedule, each step waiting for the retraining it caused, as
        // in a live run, where training takes seconds and six hours of events take six hours.
        var produced = warmup.Produced;
        for (var from = Start + WarmUp; from < Start + Span; from += Step)
        {
            var to = from + Step;
            var step = await producer.ProduceAsync(events.Where(e => e.Event.Ts >= from && e.Event.Ts < to));
            Assert.Equal(step.Produced, step.Delivered);
            produced += step.Produced;
            await _silo.WaitForEventsAsync(produced);
            await _silo.WaitForTrainersAsync();
        }

        var equipment = TopicReader.ReadAll<Alert>(bootstrap, TopicNames.EquipmentAlerts, TimeSpan.FromSeconds(3)).Where(a => a.Status == Alert.StatusOpen).ToList();
        var security = TopicReader.ReadAll<Alert>(bootstrap, TopicNames.SecurityAlerts, TimeSpan.FromSeconds(3)).Where(a => a.Status == Alert.StatusOpen).ToList();
        var truth = stream.GroundTruth;

        var episodes = truth.Machines.SelectMany(m => m.Episodes).ToList();
        var detected = episodes.Count(e => equipment.Any(a => a.EntityId == e.MachineId && a.Ts >= e.Start && a.Ts < e.FailureTime));
        var falseEquipment = equipment.Count(a => !episodes.Any(e => e.MachineId == a.EntityId && a.Ts >= e.Start && a.Ts <= e.RepairedAt));
        var machineDays = truth.Machines.Count * Span.TotalDays;

        var attacks = truth.Attacks.GroupBy(w => w.Id).ToList();
        var caught = attacks.Count(g => g.Any(w => security.Any(a => a.EntityId == w.SubjectId && a.Ts >= w.Start && a.Ts <= w.End + TimeSpan.FromMinutes(5))));
        var subjects = options.Security.SubjectCount;
        var falselyAlerted = security
            .Where(a => !truth.Attacks.Any(w => w.SubjectId == a.EntityId && a.Ts >= w.Start && a.Ts <= w.End + TimeSpan.FromMinutes(30)))
            .Select(a => a.EntityId).Distinct().Count();

        output.WriteLine($"events {produced}; failures {detected}/{episodes.Count} alerted before failing, {falseEquipment} false equipment alerts over {machineDays} machine-days");
        output.WriteLine($"attacks {caught}/{attacks.Count} alerted; {falselyAlerted}/{subjects} subjects falsely alerted");
        foreach (var alert in security.Where(a => !truth.Attacks.Any(w => w.SubjectId == a.EntityId && a.Ts >= w.Start && a.Ts <= w.End + TimeSpan.FromMinutes(30))).Take(20))
        {
            output.WriteLine($"  false alert: {alert.EntityId} {alert.Ts:O} {alert.Score:F4} {alert.ModelName} v{alert.ModelVersion} [{string.Join(",", alert.Signals)}] {string.Join(" ", alert.Features.Select(f => $"{f.Name}={f.Value:F2}/{f.Baseline:F2}/{f.Deviation:F1}"))}");
        }

        Assert.True(episodes.Count >= 5, $"the simulation planned only {episodes.Count} failures");
        Assert.True(detected >= 0.8 * episodes.Count, $"{detected} of {episodes.Count} failures were alerted before the failure");
        Assert.True(falseEquipment <= machineDays, $"{falseEquipment} false equipment alerts over {machineDays} machine-days");
        Assert.True(attacks.Count >= 3, $"the simulation planned only {attacks.Count} attacks");
        Assert.True(caught >= 0.9 * attacks.Count, $"{caught} of {attacks.Count} attacks were alerted");
        Assert.True(falselyAlerted <= 0.02 * subjects, $"{falselyAlerted} of {subjects} subjects were falsely alerted");
    }

    private static bool FirstModelsPublished(IReadOnlyList<ReplaySilo.ModelSummary> models)
    {
        var machineModels = models.Where(m => m.Name.StartsWith("equipment-anomaly-", StringComparison.Ordinal)).ToList();
        return machineModels.Count > 0 && machineModels.All(m => m.CurrentVersion >= 1) && models.Any(m => m.Name == "security-anomaly" && m.CurrentVersion >= 1);
    }
}
