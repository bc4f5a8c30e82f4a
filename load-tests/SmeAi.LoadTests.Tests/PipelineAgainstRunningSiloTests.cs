using Microsoft.Extensions.Logging.Abstractions;
using SmeAi.LoadTests.Pipeline;
using SmeAi.Streaming.Kafka.Embedded;
using SmeAi.Testing;

namespace SmeAi.LoadTests.Tests;

/// <summary>
/// The pipeline scenarios against a silo the harness did not start (issue 7: "against an in-process cluster or a
/// running silo"): a silo process and a broker run first, as an operator's would, and the harness is only told where
/// they are. It must load that silo, get its scores back and sample its process; it never asserts how fast.
/// </summary>
public sealed class PipelineAgainstRunningSiloTests : IAsyncLifetime
{
    private const string ApiKey = "running-silo-test-key";
    private readonly string _docs = Path.Combine(Path.GetTempPath(), $"smeai-running-silo-{Guid.NewGuid():N}");
    private EmbeddedKafkaBroker? _broker;
    private SiloProcess? _silo;

    public async Task InitializeAsync()
    {
        // Not the harness's default of 16, so the run must take the count from the running silo's Kafka.
        _broker = PipelineRun.StartBroker(PipelineScenarioOptions.Quick with { Partitions = 12 });
        _silo = SiloProcess.Start(PipelineRun.SiloSettings(_broker.BootstrapServers, ApiKey));
        await _silo.WaitUntilHealthyAsync(TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task Quick_run_loads_the_running_silo_and_reads_its_scores_back()
    {
        var target = new RunningSilo(_broker!.BootstrapServers, _silo!.HttpBase, ApiKey, _silo.ProcessId);
        // A tenth of the measured maximum: a quick run's maximum comes from few events and can read high, and the
        // embedded broker drops unread events beyond 5 MiB per partition. This test is about attaching, not speed.
        var options = PipelineScenarioOptions.Quick with
        {
            Target = target,
            Load = 0.1,
            DrainTimeout = TimeSpan.FromMinutes(3),
            Skip = new HashSet<string> { PipelineScenario.Burst, PipelineScenario.Entities },
        };

        var result = await PipelineBenchmark.RunAsync(options, _docs, "running silo test", NullLoggerFactory.Instance, CancellationToken.None);

        Assert.Equal(12, result.Options.Partitions);
        Assert.True(result.Pipeline.EventsPerSecond > 0, "the running silo measured no rate");
        Assert.Equal([PipelineScenario.Steady, PipelineScenario.HotSwap], result.Phases.Select(p => p.Name));
        foreach (var phase in result.Phases)
        {
            Assert.True(phase.Produced > 0, $"{phase.Name} produced nothing");
            Assert.Equal(0, phase.Lost);
            Assert.True(phase.Latency.Samples > 0, $"{phase.Name} recorded no latency");
            Assert.True(phase.PeakWorkingSetMiB > 0, $"{phase.Name} sampled no memory of the running silo's process");
        }

        Assert.False(_silo.HasExited);
        var report = await File.ReadAllTextAsync(Path.Combine(_docs, "benchmarks.md"));
        Assert.Contains($"its API at {_silo.HttpBase}", report, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        if (Directory.Exists(_docs))
        {
            Directory.Delete(_docs, recursive: true);
        }
    }
}
