using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using SmeAi.LoadTests.Pipeline;

namespace SmeAi.LoadTests.Tests;

/// <summary>
/// A silo process that exits without the run killing it (a crash, running out of memory) stops the run with its output,
/// instead of leaving a phase waiting for its scores for ever; one the run killed (silo loss) does not.
/// </summary>
public sealed class SiloExitTests
{
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_silo_that_exits_unasked_stops_the_run_and_one_the_run_killed_does_not()
    {
        await using var run = await PipelineRun.StartAsync(
            PipelineScenarioOptions.Quick, NullLogger.Instance, TimeProvider.System, silos: 1, postgres: null, CancellationToken.None);
        run.EnsureSilosRunning();

        // As the out-of-memory exit did: the process goes, and the run did not ask for it.
        run.Silos[0].KillHard();
        await WaitForExitAsync(run.Silos[0]);

        var failure = Assert.Throws<InvalidOperationException>(run.EnsureSilosRunning);
        Assert.Contains("Silo process 0 exited", failure.Message, StringComparison.Ordinal);

        run.Kill(0);
        run.EnsureSilosRunning();
    }

    private static async Task WaitForExitAsync(SmeAi.Testing.SiloProcess silo)
    {
        var waited = Stopwatch.StartNew();
        while (!silo.HasExited)
        {
            Assert.True(waited.Elapsed < ExitWait, "the killed silo process did not exit");
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
