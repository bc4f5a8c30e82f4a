using System.Runtime.InteropServices;
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
    /// <summary>
    /// Runs of one training before its failure goes up. TorchSharp 0.107 hands libtorch the native handle of a Scalar it
    /// made from a number (Adam's epsilon and step size, an exponent) without keeping the Scalar alive, so a garbage
    /// collection on another thread during the call can let the finalizer free it while libtorch reads it; the op then
    /// fails with an <see cref="ExternalException"/> (a freed Scalar's tag is garbage). Seen once in a test run while
    /// other tests allocated. A training is a pure function of its rows, options and seed, so another run gives the
    /// result the first would have given; a real libtorch error fails every run the same way.
    /// </summary>
    internal const int Attempts = 3;

    /// <summary>A semaphore, not a lock: a training cancelled while another one runs stops waiting at once.</summary>
    private static readonly SemaphoreSlim _gate = new(1, 1);

    public static T Run<T>(int maxThreads, int seed, Func<T> body, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxThreads, 1);
        TorchRuntime.EnsureLoaded();
        _gate.Wait(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var previousThreads = torch.get_num_threads();
                torch.set_num_threads(maxThreads);
                torch.random.manual_seed(seed); // belt and braces: nothing here should draw from it
                try
                {
                    return body();
                }
                catch (ExternalException) when (attempt < Attempts)
                {
                    // Again, from the start: everything the failed run made is disposed by now.
                }
                finally
                {
                    torch.set_num_threads(previousThreads);
                }
            }
        }
        finally
        {
            _gate.Release();
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
