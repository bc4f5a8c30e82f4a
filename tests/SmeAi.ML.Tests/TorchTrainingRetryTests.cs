using System.Runtime.InteropServices;
using SmeAi.ML.Training;
using TorchSharp;

namespace SmeAi.ML.Tests;

/// <summary>
/// A training that libtorch fails with an <see cref="ExternalException"/> (TorchSharp's freed-Scalar race) runs again
/// from the start; one that keeps failing, or fails otherwise, goes up.
/// </summary>
public sealed class TorchTrainingRetryTests
{
    [Fact]
    public void A_run_that_libtorch_fails_once_runs_again_and_returns_the_second_runs_result()
    {
        var runs = 0;

        var result = TorchTraining.Run(1, 7, () => ++runs == 1 ? FailInLibtorch() : runs);

        Assert.Equal(2, result);
    }

    [Fact]
    public void A_run_that_libtorch_fails_every_time_goes_up_after_the_last_attempt()
    {
        var runs = 0;

        Assert.Throws<ExternalException>(() => TorchTraining.Run(1, 7, () =>
        {
            runs++;
            return FailInLibtorch();
        }));

        Assert.Equal(TorchTraining.Attempts, runs);
    }

    [Fact]
    public void A_cancelled_run_is_not_run_again()
    {
        var runs = 0;

        Assert.Throws<OperationCanceledException>(() => TorchTraining.Run<int>(1, 7, () => { runs++; throw new OperationCanceledException(); }));

        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task A_training_cancelled_while_another_holds_the_native_runtime_stops_without_waiting_for_it()
    {
        using var holding = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var released = false;
        var holder = Task.Run(() => TorchTraining.Run(1, 7, () =>
        {
            holding.Set();
            release.Wait(TimeSpan.FromSeconds(30)); // bounded, so a training that does wait fails this test instead of hanging it
            Volatile.Write(ref released, true);
            return 0;
        }));
        holding.Wait();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        try
        {
            Assert.ThrowsAny<OperationCanceledException>(() => VaeTrainer.Train("sensors", SyntheticData.Schema, SyntheticData.Normal(300, seed: 1), VaeTrainerTests.FastOptions(), cancellation.Token));
            Assert.False(Volatile.Read(ref released), "the cancelled training waited for the other one to finish");
        }
        finally
        {
            release.Set();
            await holder;
        }
    }

    /// <summary>
    /// An op libtorch refuses (shapes that do not multiply), which TorchSharp raises as an <see cref="ExternalException"/>.
    /// <c>mm</c>, not <c>matmul</c>: TorchSharp's native <c>matmul</c> does not catch libtorch's error, which then ends the process.
    /// </summary>
    private static int FailInLibtorch()
    {
        using var left = torch.ones(2, 3);
        using var right = torch.ones(2, 3);
        using var product = left.mm(right);
        return (int)product.shape[0];
    }
}
