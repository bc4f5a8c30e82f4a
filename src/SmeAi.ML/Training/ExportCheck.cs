using SmeAi.ML.Inference;
using TorchSharp;
using static TorchSharp.torch;

namespace SmeAi.ML.Training;

/// <summary>Compares TorchSharp's output with the managed forward pass on the same standardised rows.</summary>
internal static class ExportCheck
{
    public const int Rows = 64;

    /// <summary>Largest absolute difference between <paramref name="torchForward"/> and <paramref name="managedForward"/>.</summary>
    public static double MaxAbsDiff(Tensor normalizedRows, Func<Tensor, Tensor> torchForward, int outputs, Action<ReadOnlySpan<float>, Span<float>> managedForward)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var count = (int)Math.Min(Rows, normalizedRows.shape[0]);
        var inputs = normalizedRows.narrow(0, 0, count).contiguous();
        var width = (int)inputs.shape[1];
        var expected = torchForward(inputs).contiguous().data<float>().ToArray();
        var flatInputs = inputs.data<float>().ToArray();
        var actual = new float[outputs];
        double max = 0;
        for (var r = 0; r < count; r++)
        {
            managedForward(flatInputs.AsSpan(r * width, width), actual);
            for (var o = 0; o < outputs; o++)
            {
                var diff = Math.Abs(expected[(r * outputs) + o] - actual[o]);
                max = double.IsNaN(diff) ? double.PositiveInfinity : Math.Max(max, diff);
            }
        }

        return max;
    }
}
