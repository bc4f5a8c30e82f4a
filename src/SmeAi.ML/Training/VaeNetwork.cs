using SmeAi.ML.Inference;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SmeAi.ML.Training;

/// <summary>
/// The VAE's definition: encoder (ReLU stack) -> mu and log-variance heads -> decoder (ReLU stack, linear output).
/// Exported as two managed networks, [encoder + mu head] and [decoder], the deterministic scoring path.
/// </summary>
internal sealed class VaeNetwork : IDisposable
{
    private readonly TorchDenseStack _encoder;
    private readonly Linear _mu;
    private readonly Linear _logVariance;
    private readonly TorchDenseStack _decoder;

    private readonly Generator _noise;

    public VaeNetwork(int features, IReadOnlyList<int> hiddenSizes, int latentSize, int seed)
    {
        var initialization = new Random(seed);
        _encoder = new TorchDenseStack(features, hiddenSizes.Select(h => (h, Activation.Relu)), initialization);
        _mu = nn.Linear(_encoder.Outputs, latentSize);
        TorchDenseStack.Initialize(_mu, _encoder.Outputs, latentSize, initialization);
        _logVariance = nn.Linear(_encoder.Outputs, latentSize);
        TorchDenseStack.Initialize(_logVariance, _encoder.Outputs, latentSize, initialization);
        var decoderLayers = hiddenSizes.Reverse().Select(h => (h, Activation.Relu)).Append((features, Activation.Identity));
        _decoder = new TorchDenseStack(latentSize, decoderLayers, initialization);
        _noise = new Generator((ulong)seed);
    }

    public IEnumerable<Parameter> Parameters() =>
        _encoder.Parameters().Concat(_mu.parameters()).Concat(_logVariance.parameters()).Concat(_decoder.Parameters());

    public void SetTraining(bool training)
    {
        _encoder.SetTraining(training);
        _mu.train(training);
        _logVariance.train(training);
        _decoder.SetTraining(training);
    }

    /// <summary>Training pass with the reparameterisation trick (noise from this network's own seeded generator).</summary>
    public (Tensor Reconstruction, Tensor Mu, Tensor LogVariance) Forward(Tensor input)
    {
        var hidden = _encoder.Forward(input);
        var mu = _mu.forward(hidden);
        var logVariance = _logVariance.forward(hidden);
        var latent = mu + (torch.randn(mu.shape, generator: _noise) * (0.5 * logVariance).exp());
        return (_decoder.Forward(latent), mu, logVariance);
    }

    /// <summary>The scoring path: decode the posterior mean, no sampling.</summary>
    public Tensor ReconstructThroughMean(Tensor input) => _decoder.Forward(_mu.forward(_encoder.Forward(input)));

    public IReadOnlyList<DenseNetwork> Export() =>
    [
        new DenseNetwork(_encoder.ExportLayers().Append(TorchDenseStack.Export(_mu, Activation.Identity))),
        _decoder.Export(),
    ];

    public void Dispose()
    {
        _encoder.Dispose();
        _mu.Dispose();
        _logVariance.Dispose();
        _decoder.Dispose();
        _noise.Dispose();
    }
}
