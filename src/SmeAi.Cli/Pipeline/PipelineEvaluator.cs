using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Grains.Training;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Outputs;
using SmeAi.Cli.Kafka;
using SmeAi.Cli.Scores;
using SmeAi.Cli.Silo;
using SmeAi.Evaluation;
using SmeAi.Evaluation.Replay;
using SmeAi.Simulator;
using SmeAi.Simulator.Kafka;

namespace SmeAi.Cli.Pipeline;

/// <summary>
/// Replays a dataset through a fresh in-process silo (Kafka, grains, trainer, model grains) and collects the scores and
/// alerts that come back, one score per replayed item in the replay's order (0 for items that get no score).
/// </summary>
internal sealed class PipelineEvaluator(TextWriter log)
{
    private static readonly TimeSpan _stallTimeout = TimeSpan.FromMinutes(3);

    /// <summary>
    /// The replay decides when models train (<see cref="ReplayTrainings"/>), and entity grains write their state, which
    /// sends their queued samples, every quarter second rather than every 5 s, so waiting for those samples before each
    /// training is short.
    /// </summary>
    private static readonly string[] _drivenTrainingSettings = ["--Training:Retraining=OnDemand", "--Entities:FlushInterval=00:00:00.250"];

    /// <summary>
    /// Events produced before waiting for the silo to apply them. The embedded broker keeps at most 5 MiB per partition and
    /// drops older data beyond that, so a step of large events (NSL-KDD's connection records) is sent in parts.
    /// </summary>
    private const int MaxEventsPerSend = 1_000;

    /// <summary>What came back from one replay.</summary>
    /// <param name="FailureRisks">Per item, the failure probability its score record carried (machines), or null.</param>
    /// <param name="Versions">Distinct model versions that scored readings, and the last of them.</param>
    internal sealed record Outcome(
        float[] Scores, float?[] FailureRisks, int Scored, int ModelScored, IReadOnlyList<Alert> Alerts, int Versions, int LastVersion, TimeSpan Duration)
    {
        /// <summary>Per item, the failure classifier's version that gave <see cref="FailureRisks"/>, or null.</summary>
        public IReadOnlyList<int?> FailureVersions { get; init; } = [];

        /// <summary>Per item, the version of the model that gave its score (0: warm-up, or the baseline or rules gave it), or null without a score.</summary>
        public IReadOnlyList<int?> ModelVersions { get; init; } = [];
    }

    /// <param name="warmupUntil">Events up to this event time are sent first, then every model with enough samples is trained.</param>
    /// <param name="retrainAt">
    /// The first event at or after this event time starts a step of its own, so the models are retrained on everything
    /// sent before it; with no step boundary before the rest ends, the rest is scored by models trained only on what came
    /// before it (the held-out part of a replay, see <see cref="DatasetReplays.TelcoChurn"/>).
    /// </param>
    /// <param name="siloSettings">Settings of the silo beyond the embedded defaults (the dataset's label horizon).</param>
    public async Task<Outcome> RunAsync<TEvent>(
        DatasetReplay<TEvent> replay, ReplayTarget<TEvent> target, DateTimeOffset warmupUntil, DateTimeOffset? retrainAt, CancellationToken cancellationToken,
        IReadOnlyList<string>? siloSettings = null)
        where TEvent : IEntityEvent
    {
        var watch = Stopwatch.StartNew();
        await log.WriteLineAsync($"{replay.Dataset}: starting a silo in this process (embedded Kafka, no demo feed, no model, trainings driven by the replay)");
        await using var silo = await InProcessSilo.StartAsync([.. _drivenTrainingSettings, .. siloSettings ?? []], cancellationToken);
        using var client = silo.CreateClient();
        var bootstrap = await client.GetKafkaBootstrapAsync(cancellationToken);
        var trainings = new ReplayTrainings(silo.Services, log);
        var events = replay.Sent.ToList();
        var warmup = events.TakeWhile(e => e.Ts <= warmupUntil).ToList();

        await ProduceAsync(bootstrap, replay.Topic, warmup);
        await trainings.SettleAsync(warmup.Count, cancellationToken);
        await log.WriteLineAsync($"{replay.Dataset}: {warmup.Count} warm-up events applied; training the first models");
        var first = await trainings.TrainChangedAsync("evaluation: warm-up applied", cancellationToken);
        var model = first.FirstOrDefault(o => target.IsModel(o.ModelName) && o.Promoted)?.ModelName
            ?? throw new InvalidOperationException($"{replay.Dataset}: no model of the replay's target was promoted after the warm-up ({string.Join("; ", first.Select(o => $"{o.ModelName}: {o.Detail}"))})");
        await log.WriteLineAsync($"{replay.Dataset}: {model} v1 scores after {watch.Elapsed.TotalSeconds:F0} s; sending the other {events.Count - warmup.Count} events in steps of {Step(silo).TotalHours:0.#} h of event time");
        await ReplayInStepsAsync(silo, trainings, bootstrap, replay.Topic, events, warmup.Count, retrainAt, cancellationToken);
        var readings = replay.Items.Count(i => target.IsScored(i.Event));
        var records = await ReadScoresAsync(bootstrap, replay.Dataset, target.ScoreDomain, readings, cancellationToken);
        IReadOnlyList<Alert> alerts = [];
        if (target.AlertTopic is { } alertTopic)
        {
            var alertPartitions = (await KafkaTopics.RequireAsync(bootstrap, [alertTopic], "the silo creates it"))[alertTopic];
            alerts = await AlertReader.ReadToEndAsync(bootstrap, alertTopic, alertPartitions, cancellationToken);
        }

        // The first record of an event is the score it got when it came (a later one would be a re-scoring after a redelivery).
        var byEvent = records.GroupBy(r => (r.EntityId, r.Ts)).ToDictionary(g => g.Key, g => g.First());
        var scores = new float[replay.Items.Count];
        var failureRisks = new float?[replay.Items.Count];
        var failureVersions = new int?[replay.Items.Count];
        var modelVersions = new int?[replay.Items.Count];
        int scored = 0, modelScored = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            var e = replay.Items[i].Event;
            if (target.IsScored(e) && byEvent.TryGetValue((e.EntityId, e.Ts), out var record))
            {
                scores[i] = (float)record.Score;
                failureRisks[i] = (float?)record.FailureRisk;
                failureVersions[i] = record.FailureModelVersion;
                modelVersions[i] = record.ModelVersion;
                scored++;
                modelScored += record.Warmup ? 0 : 1;
            }
        }

        await log.WriteLineAsync($"{replay.Dataset}: {scored} of {readings} readings scored, {modelScored} by a model; {alerts.Count} alert records");
        var versions = records.Where(r => !r.Warmup).Select(r => r.ModelVersion).Distinct().ToList();
        return new Outcome(scores, failureRisks, scored, modelScored, alerts, versions.Count, versions.Count == 0 ? 0 : versions.Max(), watch.Elapsed)
        {
            FailureVersions = failureVersions,
            ModelVersions = modelVersions,
        };
    }

    /// <summary>The trainer's retraining interval of event time (6 h by default).</summary>
    private static TimeSpan Step(InProcessSilo silo) => silo.Services.GetRequiredService<IOptions<TrainerOptions>>().Value.RetrainEvery;

    /// <summary>
    /// Sends the events in steps of <see cref="Step"/> of event time (and a new step where <paramref name="retrainAt"/>
    /// falls) and, between two steps, retrains every model that got samples or labels in the step before, once all of
    /// them are in, and waits until the new versions score: as a live stream would retrain them as event time passes,
    /// but at the same points in every run, however fast the machine and in whatever order the grains' messages arrive.
    /// </summary>
    private async Task ReplayInStepsAsync<TEvent>(
        InProcessSilo silo, ReplayTrainings trainings, string bootstrap, string topic, List<TEvent> events, int sent, DateTimeOffset? retrainAt, CancellationToken cancellationToken)
        where TEvent : IEntityEvent
    {
        var step = Step(silo);
        var start = events[sent].Ts;
        long expected = sent;
        bool? heldOut = null;
        foreach (var chunk in events.Skip(sent).GroupBy(e => ((e.Ts - start).Ticks / step.Ticks, retrainAt is { } at && e.Ts >= at)))
        {
            // No training once the held-out part began: its rows reach the trainers as samples too (unlabelled), and a
            // model trained on them would score the rest of the held-out part.
            if (heldOut is false)
            {
                var trainingPartIn = chunk.Key.Item2;
                await trainings.SettleAsync(expected, cancellationToken);
                var outcomes = await trainings.TrainChangedAsync(trainingPartIn ? "evaluation: the training part is in" : "evaluation: a step of event time applied", cancellationToken);
                foreach (var outcome in outcomes.Where(_ => trainingPartIn))
                {
                    await log.WriteLineAsync($"  retrained {outcome.ModelName} on the training part before the held-out part: {outcome.Detail}");
                }
            }

            heldOut = chunk.Key.Item2;
            foreach (var part in chunk.Chunk(MaxEventsPerSend))
            {
                await ProduceAsync(bootstrap, topic, part);
                expected += part.Length;
                await trainings.WaitForEventsAsync(expected, cancellationToken);
                sent += part.Length;
            }

            if (chunk.Key.Item1 % 10 == 9)
            {
                await log.WriteLineAsync($"  {sent} of {events.Count} events applied");
            }
        }
    }

    private static async Task ProduceAsync<TEvent>(string bootstrap, string topic, IEnumerable<TEvent> events)
        where TEvent : IEntityEvent
    {
        var options = new SimulatorProducerOptions { BootstrapServers = bootstrap, EventsPerSecond = 0, ClientId = "smeai-evaluate" };
        using var producer = new SimulatorProducer(options);
        var result = await producer.ProduceAsync(events.Select(e => new SimulatedEvent(topic, e.EntityId, e)), CancellationToken.None);
        if (result.Failed > 0)
        {
            throw new InvalidOperationException($"{result.Failed} of {result.Produced} events were not delivered ({result.FirstError})");
        }
    }

    /// <summary>Reads the scores topic until every reading has its score, or nothing new came for a while.</summary>
    private async Task<IReadOnlyList<ScoreRecord>> ReadScoresAsync(string bootstrap, string dataset, string domain, int expected, CancellationToken cancellationToken)
    {
        var partitions = (await KafkaTopics.RequireAsync(bootstrap, [TopicNames.Scores], "the silo creates it"))[TopicNames.Scores];
        var reader = new ScoreReader(bootstrap, TopicNames.Scores, partitions, TimeProvider.System);
        var progress = Stopwatch.StartNew();
        var last = -1;
        while (true)
        {
            var records = ScoreCsv.Arrange((await reader.ReadAsync(TimeSpan.FromSeconds(5), toEnd: true, cancellationToken)).Where(r => r.Domain == domain));
            if (records.Count >= expected || progress.Elapsed > _stallTimeout)
            {
                return records;
            }

            if (records.Count != last)
            {
                last = records.Count;
                progress.Restart();
                await log.WriteLineAsync($"{dataset}: {records.Count} of {expected} scores back");
            }

            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        }
    }
}
