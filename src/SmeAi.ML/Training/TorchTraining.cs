using SmeAi.ML.Features;
using TorchSharp;
using static TorchSharp.torch;

namespace SmeAi.ML.Training;

/// <summary>
/// Runs TorchSharp training one job at a time per process, with a bounded thread count. TorchSharp's thread count
/// is process-wide, so trainings are serialised and leave the other cores to the scoring hot path. Randomness never
/// comes from TorchSharp's process-wide generator: initial weights come from a seeded <see cref="Random"/> and
/// training noise from a per-training <see cref="torch.Generator"/>, so a seed gives the same weights whatever else
/// the process does. Call from a dedicated thread (never from the Orleans scheduler).
/// </summary>
internal static class TorchTraining
{
    private static readonly Lock _gate = new();

    public static T Run<T>(int maxThreads, int seed, Func<T> body)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxThreads, 1);
        TorchRuntime.EnsureLoaded();
        lock (_gate)
        {
            var previousThreads = torch.get_num_threads();
            torch.set_num_threads(maxThreads);
            torch.random.manual_seed(seed); // belt and braces: nothing here should draw from it
            try
            {
                return body();
            }
            finally
            {
                torch.set_num_threads(previousThreads);
            }
        }
    }

    /// <summary>Standardises rows and packs them into one [rows, features] tensor.</summary>
    public static Tensor ToTensor(IReadOnlyList<float[]> rows, Normalizer normalizer)
    {
        var width = normalizer.Count;
        var flat = new float[rows.Count * width];
        for (var r = 0; r < rows.Count; r++)
        {
            normalizer.Transform(rows[r], flat.AsSpan(r * width, width));
        }

        return torch.tensor(flat, new long[] { rows.Count, width });
    }

    public static Tensor Indices(ReadOnlySpan<int> indices)
    {
        var values = new long[indices.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = indices[i];
        }

        return torch.tensor(values);
    }
}
