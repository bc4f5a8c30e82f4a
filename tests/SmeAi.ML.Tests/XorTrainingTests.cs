using TorchSharp;
using static TorchSharp.torch;

namespace SmeAi.ML.Tests;

public class XorTrainingTests
{
    private static readonly float[] _inputs = [0, 0, 0, 1, 1, 0, 1, 1];
    private static readonly float[] _targets = [0, 1, 1, 0];

    [Fact]
    public void A_small_mlp_learns_xor()
    {
        var run = Train(seed: 42);

        Assert.True(run.FinalLoss < run.InitialLoss / 10, $"loss went from {run.InitialLoss} to {run.FinalLoss}");
        Assert.Equal(_targets, run.Predictions);
    }

    [Fact]
    public void Training_with_the_same_seed_is_reproducible()
    {
        var first = Train(seed: 7);
        var second = Train(seed: 7);

        Assert.Equal(first.InitialLoss, second.InitialLoss);
        Assert.Equal(first.FinalLoss, second.FinalLoss);
    }

    private static TrainingRun Train(int seed)
    {
        TorchRuntime.EnsureLoaded();
        torch.random.manual_seed(seed);

        using var inputs = torch.tensor(_inputs, 4, 2);
        using var targets = torch.tensor(_targets, 4, 1);
        using var model = nn.Sequential(
            ("hidden", nn.Linear(2, 8)),
            ("activation", nn.Tanh()),
            ("output", nn.Linear(8, 1)));
        using var optimizer = optim.Adam(model.parameters(), lr: 0.05);
        using var lossFunction = nn.BCEWithLogitsLoss();

        float initialLoss = 0, loss = 0;
        for (var step = 0; step < 300; step++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var output = lossFunction.forward(model.forward(inputs), targets);
            output.backward();
            optimizer.step();
            loss = output.item<float>();
            if (step == 0)
            {
                initialLoss = loss;
            }
        }

        model.eval();
        using (torch.no_grad())
        using (var scope = torch.NewDisposeScope())
        {
            var probabilities = torch.sigmoid(model.forward(inputs)).data<float>().ToArray();
            return new TrainingRun(initialLoss, loss, [.. probabilities.Select(p => p > 0.5f ? 1f : 0f)]);
        }
    }

    private sealed record TrainingRun(float InitialLoss, float FinalLoss, float[] Predictions);
}
