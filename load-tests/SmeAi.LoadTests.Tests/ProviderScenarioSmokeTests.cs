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
        // A busy CI machine may need longer than the quick run's own limits to deliver everything; the test asserts that
        // nothing is lost, not how fast.
        var options = ProviderScenarioOptions.Quick with { PhaseTimeout = TimeSpan.FromMinutes(3), DeliveryIdleTimeout = TimeSpan.FromMinutes(1) };
        var scenario = new ProviderScenario(options, NullLogger<ProviderScenario>.Instance, TimeProvider.System);

        var result = await scenario.RunAsync(CancellationToken.None);

        Assert.Equal(options.Events, result.Produced);
        Assert.Equal(result.Produced, result.Baseline.Events);
        Assert.True(result.Baseline.EventsPerSecond > 0, "the baseline measured no rate");
        Assert.Equal(result.Produced, result.ProviderDelivered.Distinct);
        Assert.Equal(0, result.ProviderDelivered.Lost);
        Assert.Equal(result.Produced, result.Provider.Events);
        Assert.True(result.Provider.EventsPerSecond > 0, "the provider measured no rate");
        Assert.True(result.LatencyDelivered.Produced > 0, "the latency phase produced nothing");
        Assert.Equal(0, result.LatencyDelivered.Lost);
        // Only new events delivered after the warm-up are recorded: at least one, never more than the phase produced.
        Assert.InRange(result.Latency.Samples, 1, result.LatencyDelivered.Produced);
    }
}
