namespace SmeAi.ML.Inference;

/// <summary>The activation after a dense layer. Values are part of the weights file format: never renumber.</summary>
public enum Activation : byte
{
    Identity = 0,
    Relu = 1,
    Tanh = 2,

    /// <summary>Leaky ReLU with slope <see cref="DenseLayer.LeakySlope"/> for negative inputs.</summary>
    LeakyRelu = 3,
    Sigmoid = 4,
}
