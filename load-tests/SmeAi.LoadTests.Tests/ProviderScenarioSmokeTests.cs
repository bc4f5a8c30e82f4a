using Microsoft.Extensions.Logging.Abstractions;
using SmeAi.LoadTests.Scenarios.Provider;

namespace SmeAi.LoadTests.Tests;

/// <summary>
/// Runs the quick provider scenario in this process: the harness must measure something in every phase. It never
/// asserts how fast (benchmarks measure speed; tests do not).
/// </summary>
public sealed class ProviderScenarioSmokeTests
{
    [Fact]
    public async Task Quick_provider_scenario_measures_baseline_throughput_and_latency()
    {
        var options = ProviderScenarioOptions.Quick;
        var scenario = new ProviderScenario(options, NullLogger<ProviderScenario>.Instance, TimeProvider.System);

        var result = await scenario.RunAsync(CancellationToken.None);

        Assert.Equal(options.Events, result.Produced);
        Assert.Equal(result.Produced, result.Baseline.Events);
        Assert.True(result.Baseline.EventsPerSecond > 0, "the baseline measured no rate");
        Assert.Equal(result.Produced, result.ProviderCounted);
        Assert.True(result.Provider.EventsPerSecond > 0, "the provider measured no rate");
        Assert.True(result.LatencyProduced > 0, "the latency phase produced nothing");
        Assert.True(result.Latency.Samples > 0, "the latency histogram has no samples");
        Assert.True(result.Latency.P50 <= result.Latency.P99 && result.Latency.P99 <= result.Latency.Max);
    }
}
