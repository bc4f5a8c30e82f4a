using SmeAi.ML.Inference;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SmeAi.ML.Training;

/// <summary>A TorchSharp stack of Linear layers and activations that exports to a managed <see cref="DenseNetwork"/>.</summary>
internal sealed class TorchDenseStack : IDisposable
{
    private readonly Sequential _module;
    private readonly List<(Linear Linear, Activation Activation)> _layers = [];

    /// <param name="initialization">
    /// Seeded source for the initial weights (torch.nn.Linear's default distribution, U(-1/sqrt(inputs), 1/sqrt(inputs))),
    /// so training never depends on TorchSharp's process-wide generator; null keeps TorchSharp's own initialisation.
    /// </param>
    public TorchDenseStack(int inputs, IEnumerable<(int Outputs, Activation Activation)> layers, Random? initialization)
    {
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        var width = inputs;
        foreach (var (outputs, activation) in layers)
        {
            var linear = nn.Linear(width, outputs);
            if (initialization is not null)
            {
                Initialize(linear, width, outputs, initialization);
            }

            _layers.Add((linear, activation));
            modules.Add(($"linear{_layers.Count}", linear));
            if (CreateActivation(activation) is { } module)
            {
                modules.Add(($"act{_layers.Count}", module));
            }

            width = outputs;
        }

        if (_layers.Count == 0)
        {
            throw new ArgumentException("A dense stack needs at least one layer.", nameof(layers));
        }

        _module = nn.Sequential(modules);
        Outputs = width;
    }

    /// <summary>Builds a stack whose weights are copied from a managed network (benchmarks and parity tests).</summary>
    public TorchDenseStack(DenseNetwork network)
        : this(network.InputSize, network.Layers.Select(l => (l.Outputs, l.Activation)), initialization: null)
    {
        using var noGrad = torch.no_grad();
        for (var i = 0; i < _layers.Count; i++)
        {
            var source = network.Layers[i];
            using var weights = torch.tensor(source.Weights.ToArray(), new long[] { source.Outputs, source.Inputs });
            using var bias = torch.tensor(source.Bias.ToArray());
            _layers[i].Linear.weight!.copy_(weights);
            _layers[i].Linear.bias!.copy_(bias);
        }
    }

    public int Outputs { get; }

    public Sequential Module => _module;

    public Tensor Forward(Tensor input) => _module.forward(input);

    public IEnumerable<Parameter> Parameters() => _module.parameters();

    public void SetTraining(bool training) => _module.train(training);

    public IEnumerable<DenseLayer> ExportLayers() => _layers.Select(l => Export(l.Linear, l.Activation));

    public DenseNetwork Export() => new(ExportLayers());

    public static DenseLayer Export(Linear linear, Activation activation)
    {
        using var weight = linear.weight!.detach();
        using var bias = linear.bias!.detach();
        var shape = weight.shape;
        return new DenseLayer((int)shape[1], (int)shape[0], activation, weight.data<float>().ToArray(), bias.data<float>().ToArray());
    }

    public void Dispose() => _module.Dispose();

    internal static void Initialize(Linear linear, int inputs, int outputs, Random random)
    {
        var bound = 1 / Math.Sqrt(inputs);
        var weights = new float[inputs * outputs];
        var bias = new float[outputs];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)(((2 * random.NextDouble()) - 1) * bound);
        }

        for (var i = 0; i < bias.Length; i++)
        {
            bias[i] = (float)(((2 * random.NextDouble()) - 1) * bound);
        }

        using var noGrad = torch.no_grad();
        using var weightValues = torch.tensor(weights, new long[] { outputs, inputs });
        using var biasValues = torch.tensor(bias);
        linear.weight!.copy_(weightValues);
        linear.bias!.copy_(biasValues);
    }

    private static nn.Module<Tensor, Tensor>? CreateActivation(Activation activation) => activation switch
    {
        Activation.Identity => null,
        Activation.Relu => nn.ReLU(),
        Activation.Tanh => nn.Tanh(),
        Activation.LeakyRelu => nn.LeakyReLU(DenseLayer.LeakySlope),
        Activation.Sigmoid => nn.Sigmoid(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };
}
