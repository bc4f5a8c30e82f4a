using System.Net.Http.Json;
using SmeAi.Simulator.Kafka;
using SmeAi.Testing;

namespace SmeAi.IntegrationTests;

/// <summary>
/// A silo process for replaying simulated history through the embedded broker: no demo feed, and entities write behind
/// every second, so their samples reach the trainers soon after each replayed step. Offers the waits such a replay needs.
/// </summary>
internal sealed class ReplaySilo : IAsyncDisposable
{
    private ReplaySilo(SiloProcess silo, string bootstrap)
    {
        Silo = silo;
        Bootstrap = bootstrap;
        Producer = new SimulatorProducer(new SimulatorProducerOptions { BootstrapServers = bootstrap, EventsPerSecond = 0 });
    }

    public SiloProcess Silo { get; }

    public string Bootstrap { get; }

    /// <summary>Produces simulated events as fast as the broker takes them.</summary>
    public SimulatorProducer Producer { get; }

    public static async Task<ReplaySilo> StartAsync()
    {
        // Stopped again if it never becomes healthy, so it does not run on into the later test projects.
        var silo = await SiloProcess.StartHealthyAsync(new Dictionary<string, string>
        {
            ["Simulator:Embedded:Enabled"] = "false",
            ["Entities:FlushInterval"] = "00:00:01",

            // These tests judge the anomaly models' alerts and the churn scores. The machines' failure classifiers train
            // too, once failures label their readings; at the product's 200 epochs each training takes about a minute on
            // two cores, and the trainer runs one at a time, so the replay would wait on them at every step.
            ["Training:Classifiers:equipment-failure:Epochs"] = "20",
        }, TimeSpan.FromSeconds(90));
        var system = await silo.Http.GetFromJsonAsync<SystemResponse>(new Uri("api/system", UriKind.Relative));
        return new ReplaySilo(silo, system!.KafkaBootstrap);
    }

    /// <summary>Waits until the cluster has applied <paramref name="expected"/> events.</summary>
    public async Task WaitForEventsAsync(long expected)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        while ((await Silo.Http.GetFromJsonAsync<SystemResponse>(new Uri("api/system", UriKind.Relative), deadline.Token))!.EventsProcessed < expected)
        {
            await Task.Delay(500, deadline.Token);
        }
    }

    /// <summary>Waits until <paramref name="ready"/> holds for the published models; on timeout names them and the trainers' last log lines.</summary>
    public async Task<IReadOnlyList<ModelSummary>> WaitForModelsAsync(Func<IReadOnlyList<ModelSummary>, bool> ready, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var models = await ModelsAsync();
            if (ready(models))
            {
                return models;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the expected models were not published: {Describe(models)}" + Environment.NewLine
                    + string.Join(Environment.NewLine, Silo.Output.Split(Environment.NewLine)
                        .Where(l => l.Contains("Training ", StringComparison.Ordinal) || l.Contains("Trainer ", StringComparison.Ordinal)).TakeLast(30)));
            }

            await Task.Delay(1000);
        }
    }

    /// <summary>
    /// Waits until the last step's samples have reached the trainers and no trainer is training. Entities send their
    /// samples at each write-behind flush (every second here), so once every event is applied the trainers' sample
    /// counts stop moving within a flush or two; a training those samples start shows in the same poll.
    /// </summary>
    public async Task WaitForTrainersAsync()
    {
        var settle = TimeSpan.FromSeconds(2.5);
        var deadline = DateTime.UtcNow.AddMinutes(5);
        var previous = await TrainersAsync();
        var stableSince = DateTime.UtcNow;
        while (true)
        {
            await Task.Delay(250);
            var current = await TrainersAsync();
            if (current.Any(t => t.Training) || !current.Select(t => (t.ModelName, t.SamplesSeen)).SequenceEqual(previous.Select(t => (t.ModelName, t.SamplesSeen))))
            {
                stableSince = DateTime.UtcNow;
            }
            else if (DateTime.UtcNow - stableSince >= settle)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the trainers did not settle: {string.Join(", ", current.Select(t => $"{t.ModelName} seen {t.SamplesSeen} training {t.Training}"))}");
            previous = current;
        }
    }

    public static string Describe(IEnumerable<ModelSummary> models) => string.Join(", ", models.Select(m => $"{m.Name} v{m.CurrentVersion}"));

    public ValueTask DisposeAsync()
    {
        // Before the silo and its broker go: a producer left behind retried the closed broker for the rest of the test run.
        Producer.Dispose();
        return Silo.DisposeAsync();
    }

    private async Task<IReadOnlyList<TrainerState>> TrainersAsync()
    {
        var trainers = new List<TrainerState>();
        foreach (var model in await ModelsAsync())
        {
            trainers.Add((await Silo.Http.GetFromJsonAsync<ModelDetail>(new Uri($"api/models/{model.Name}", UriKind.Relative)))!.Trainer);
        }

        return trainers;
    }

    private async Task<IReadOnlyList<ModelSummary>> ModelsAsync() =>
        (await Silo.Http.GetFromJsonAsync<List<ModelSummary>>(new Uri("api/models", UriKind.Relative)))!;

    internal sealed record ModelSummary(string Name, int CurrentVersion);

    private sealed record ModelDetail(string Name, int CurrentVersion, TrainerState Trainer);

    private sealed record TrainerState(string ModelName, long SamplesSeen, bool Training);
}
