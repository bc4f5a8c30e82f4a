using System.Collections.Immutable;
using System.Numerics.Tensors;

namespace SmeAi.ML.Inference;

/// <summary>One fully connected layer, <c>y = act(W x + b)</c>, with <c>W</c> row-major <c>[outputs, inputs]</c> as in torch.nn.Linear.</summary>
public sealed class DenseLayer
{
    public const float LeakySlope = 0.2f;

    private readonly float[] _weights;
    private readonly float[] _bias;

    public DenseLayer(int inputs, int outputs, Activation activation, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        if (weights.Length != (long)inputs * outputs || bias.Length != outputs)
        {
            throw new ArgumentException($"A {inputs}->{outputs} layer needs {inputs * outputs} weights and {outputs} biases; got {weights.Length} and {bias.Length}.");
        }

        if (!Enum.IsDefined(activation))
        {
            throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        }

        Inputs = inputs;
        Outputs = outputs;
        Activation = activation;
        _weights = weights.ToArray();
        _bias = bias.ToArray();
    }

    public int Inputs { get; }

    public int Outputs { get; }

    public Activation Activation { get; }

    public ReadOnlySpan<float> Weights => _weights;

    public ReadOnlySpan<float> Bias => _bias;

    /// <summary>True when every weight and bias is a finite number.</summary>
    public bool IsFinite() => AllFinite(_weights) && AllFinite(_bias);

    /// <summary>Computes the layer into <paramref name="output"/> (length <see cref="Outputs"/>); no allocation.</summary>
    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        var weights = _weights.AsSpan();
        for (var o = 0; o < Outputs; o++)
        {
            output[o] = TensorPrimitives.Dot(weights.Slice(o * Inputs, Inputs), input) + _bias[o];
        }

        Activate(Activation, output[..Outputs]);
    }

    internal static void Activate(Activation activation, Span<float> values)
    {
        switch (activation)
        {
            case Activation.Identity:
                break;
            case Activation.Relu:
                TensorPrimitives.Max(values, 0f, values);
                break;
            case Activation.Tanh:
                TensorPrimitives.Tanh(values, values);
                break;
            case Activation.LeakyRelu:
                for (var i = 0; i < values.Length; i++)
                {
                    if (values[i] < 0)
                    {
                        values[i] *= LeakySlope;
                    }
                }

                break;
            case Activation.Sigmoid:
                TensorPrimitives.Sigmoid(values, values);
                break;
            default:
                throw new InvalidOperationException($"Unknown activation {activation}.");
        }
    }

    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (var value in values)
        {
            if (!float.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }
}
