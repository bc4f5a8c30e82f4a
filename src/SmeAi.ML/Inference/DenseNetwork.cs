using System.Collections.Immutable;

namespace SmeAi.ML.Inference;

/// <summary>An immutable stack of dense layers evaluated in managed code; safe to share between threads.</summary>
public sealed class DenseNetwork
{
    public DenseNetwork(IEnumerable<DenseLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        Layers = [.. layers];
        if (Layers.IsEmpty)
        {
            throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        }

        for (var i = 1; i < Layers.Length; i++)
        {
            if (Layers[i].Inputs != Layers[i - 1].Outputs)
            {
                throw new ArgumentException($"Layer {i} takes {Layers[i].Inputs} inputs but layer {i - 1} gives {Layers[i - 1].Outputs}.", nameof(layers));
            }
        }

        MaxWidth = Layers.Max(l => l.Outputs);
    }

    public ImmutableArray<DenseLayer> Layers { get; }

    public int InputSize => Layers[0].Inputs;

    public int OutputSize => Layers[^1].Outputs;

    /// <summary>The widest layer output: <see cref="Forward"/> needs a scratch span of twice this.</summary>
    public int MaxWidth { get; }

    public int ScratchSize => 2 * MaxWidth;

    public bool IsFinite() => Layers.All(l => l.IsFinite());

    /// <summary>
    /// Runs the network. <paramref name="scratch"/> holds at least <see cref="ScratchSize"/> floats owned by the
    /// caller (stack or pool), so a call allocates nothing and the network itself is never written.
    /// </summary>
    public void Forward(ReadOnlySpan<float> input, Span<float> output, Span<float> scratch)
    {
        if (input.Length != InputSize)
        {
            throw new ArgumentException($"Expected {InputSize} inputs, got {input.Length}.", nameof(input));
        }

        if (output.Length < OutputSize || scratch.Length < ScratchSize)
        {
            throw new ArgumentException("Output or scratch span too small.", nameof(scratch));
        }

        var ping = scratch[..MaxWidth];
        var pong = scratch.Slice(MaxWidth, MaxWidth);
        ReadOnlySpan<float> current = input;
        for (var i = 0; i < Layers.Length; i++)
        {
            var layer = Layers[i];
            var destination = i == Layers.Length - 1 ? output : (i % 2 == 0 ? ping : pong);
            layer.Forward(current, destination);
            current = destination[..layer.Outputs];
        }
    }

    /// <summary>Convenience overload that allocates; for tests and tools, not the hot path.</summary>
    public float[] Forward(ReadOnlySpan<float> input)
    {
        var output = new float[OutputSize];
        Forward(input, output, new float[ScratchSize]);
        return output;
    }
}
