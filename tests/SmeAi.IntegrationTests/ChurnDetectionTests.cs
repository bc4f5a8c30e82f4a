using System.Net.Http.Json;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Outputs;
using SmeAi.ML.Metrics;
using SmeAi.Simulator;
using SmeAi.Simulator.Kafka;
using SmeAi.Testing;
using Xunit.Abstractions;

namespace SmeAi.IntegrationTests;

/// <summary>
/// Churn end to end: twelve simulated weeks of a customer base go through the embedded broker into a real silo; the
/// churn model trains from the cancellations of the first four weeks; in the eight after, customers on their way out
/// must score above those who stay.
/// </summary>
public sealed class ChurnDetectionTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 9, 7, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan History = TimeSpan.FromDays(28);
    private static readonly TimeSpan Span = TimeSpan.FromDays(84);
    private static readonly TimeSpan Step = TimeSpan.FromDays(7);
    private ReplaySilo _silo = null!;

    public async Task InitializeAsync() => _silo = await ReplaySilo.StartAsync();

    public async Task DisposeAsync() => await (_silo?.DisposeAsync() ?? ValueTask.CompletedTask); // null when the silo never started

    [Fact]
    public async Task Customers_on_their_way_out_score_above_those_who_stay()
    {
        var options = new SimulatorOptions().ApplyToAll(seed: 7, start: Start, duration: Span);
        options.Factory.Enabled = false;
        options.Security.Enabled = false;
        options.Customers.DecliningAtStart = 0.4;
        var stream = SimulatedEventStream.Create(options);
        var events = stream.ToList();
        var (bootstrap, producer) = (_silo.Bootstrap, _silo.Producer);

        var history = await producer.ProduceAsync(events.Where(e => e.Event.Ts < Start + History));
        var produced = history.Produced;
        await _silo.WaitForEventsAsync(produced);
        await _silo.WaitForModelsAsync(models => models.Any(m => m.Name == "churn" && m.CurrentVersion >= 1), TimeSpan.FromMinutes(4));
        for (var from = Start + History; from < Start + Span; from += Step)
        {
            var step = await producer.ProduceAsync(events.Where(e => e.Event.Ts >= from && e.Event.Ts < from + Step));
            produced += step.Produced;
            await _silo.WaitForEventsAsync(produced);
        }

        var scores = TopicReader.ReadAll<ScoreRecord>(bootstrap, TopicNames.Scores, TimeSpan.FromSeconds(3))
            .Where(s => s.Domain == AlertDomains.Churn && !s.Warmup && s.Ts >= Start + History)
            .GroupBy(s => s.EntityId)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.Ts).ToList());
        var end = Start + Span;
        var leaving = new List<float>();
        var staying = new List<float>();
        foreach (var customer in stream.GroundTruth.Customers)
        {
            if (!scores.TryGetValue(customer.CustomerId, out var own))
            {
                continue;
            }

            var onTheWayOut = customer.IsChurner && customer.DeclineStart < end;
            var until = customer.CancelTime ?? end;
            var recent = own.Where(s => s.Ts < until).TakeLast(10).ToList();
            if (recent.Count > 0)
            {
                (onTheWayOut ? leaving : staying).Add((float)recent.Average(s => s.Score));
            }
        }

        var labels = leaving.Select(_ => true).Concat(staying.Select(_ => false)).ToArray();
        var auc = BinaryMetrics.RocAuc([.. leaving, .. staying], labels);
        output.WriteLine($"{leaving.Count} customers leaving, {staying.Count} staying; ROC-AUC of their recent churn scores {auc:F3}");

        Assert.True(leaving.Count >= 10 && staying.Count >= 10, $"{leaving.Count} leaving and {staying.Count} staying customers were scored");
        Assert.True(auc >= 0.8, $"ROC-AUC {auc:F3}");
    }
}
