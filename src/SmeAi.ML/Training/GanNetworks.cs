using SmeAi.ML.Inference;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SmeAi.ML.Training;

/// <summary>The WGAN-GP pair: generator (noise -> LeakyReLU stack -> linear row) and critic (row -> LeakyReLU stack -> one value).</summary>
internal sealed class GanNetworks : IDisposable
{
    public GanNetworks(int features, int noiseSize, IReadOnlyList<int> hiddenSizes, int seed)
    {
        var initialization = new Random(seed);
        Generator = new TorchDenseStack(noiseSize, hiddenSizes.Select(h => (h, Activation.LeakyRelu)).Append((features, Activation.Identity)), initialization);
        Critic = new TorchDenseStack(features, hiddenSizes.Select(h => (h, Activation.LeakyRelu)).Append((1, Activation.Identity)), initialization);
        Noise = new torch.Generator((ulong)seed);
    }

    /// <summary>The training noise source, seeded per training so concurrent TorchSharp users cannot change the result.</summary>
    public torch.Generator Noise { get; }

    public TorchDenseStack Generator { get; }

    public TorchDenseStack Critic { get; }

    public IEnumerable<Parameter> GeneratorParameters() => Generator.Parameters();

    public IEnumerable<Parameter> CriticParameters() => Critic.Parameters();

    public void Dispose()
    {
        Generator.Dispose();
        Critic.Dispose();
        Noise.Dispose();
    }
}
