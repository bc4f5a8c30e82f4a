using BenchmarkDotNet.Attributes;
using SmeAi.ML;
using SmeAi.ML.Datasets;
using SmeAi.ML.Features;
using SmeAi.ML.Inference;
using SmeAi.ML.Models;
using SmeAi.ML.Training;
using TorchSharp;

namespace SmeAi.Benchmarks;

/// <summary>
/// Per-event scoring: the managed scorer against the same weights run through TorchSharp one event at a time
/// (tensor from the row, forward under no_grad, copy back), both including standardisation and calibration.
/// VAE: 8 sensors, 32-16-3-16-32; classifier: telco churn (47 features), one hidden layer of 32.
/// </summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private readonly FeatureContribution[] _top = new FeatureContribution[3];
    private float[] _sensorInput = null!;
    private float[] _sensorOutput = null!;
    private float[] _customerInput = null!;
    private VaeScorer _vae = null!;
    private ClassifierScorer _classifier = null!;
    private TorchDenseStack _vaeTorch = null!;
    private TorchDenseStack _classifierTorch = null!;
    private float[] _sensorRow = null!;
    private float[] _customerRow = null!;

    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.EnsureLoaded();
        torch.set_num_threads(1);

        var random = new Random(1);
        var sensors = new FeatureSchema("bench-sensors", 1, Enumerable.Range(0, 8).Select(i => $"s{i}"));
        var normal = Enumerable.Range(0, 2000).Select(_ =>
        {
            var (a, b) = (random.NextDouble(), random.NextDouble());
            return Enumerable.Range(0, 8).Select(f => (float)((a * f) - (b * (8 - f)) + (0.05 * random.NextDouble()))).ToArray();
        }).ToArray();
        var vaeArtifact = VaeTrainer.Train("bench-vae", sensors, normal, new VaeTrainingOptions { Epochs = 5, LatentSize = 3 }).Artifact!;
        _vae = (VaeScorer)ModelScorer.Create(vaeArtifact);
        _vaeTorch = new TorchDenseStack(new DenseNetwork(_vae.Encoder.Layers.Concat(_vae.Decoder.Layers)));
        _sensorRow = normal[17];
        _sensorInput = new float[sensors.Count];
        _sensorOutput = new float[sensors.Count];

        var telco = TelcoChurn.LoadDev();
        var classifierArtifact = ClassifierTrainer.Train("bench-churn", telco.Schema, telco.Rows, telco.Labels, new ClassifierTrainingOptions { Epochs = 5 }).Artifact!;
        _classifier = (ClassifierScorer)ModelScorer.Create(classifierArtifact);
        _classifierTorch = new TorchDenseStack(_classifier.Networks[0]);
        _customerRow = telco.Rows[42];
        _customerInput = new float[telco.Schema.Count];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _vaeTorch.Dispose();
        _classifierTorch.Dispose();
    }

    [Benchmark(Baseline = true)]
    public float VaeManaged() => _vae.Score(_sensorRow, _top).Score;

    [Benchmark]
    public float VaeTorchSharp()
    {
        var artifact = _vae.Artifact;
        var n = artifact.Schema.Count;
        artifact.Normalizer.Transform(_sensorRow, _sensorInput);
        using (torch.no_grad())
        using (var scope = torch.NewDisposeScope())
        {
            var input = torch.tensor(_sensorInput, new long[] { 1, n });
            _vaeTorch.Forward(input).data<float>().CopyTo(_sensorOutput);
        }

        float error = 0;
        for (var i = 0; i < n; i++)
        {
            var d = _sensorOutput[i] - _sensorInput[i];
            error += d * d;
        }

        return artifact.Calibration.Apply(error / n);
    }

    [Benchmark]
    public float ClassifierManaged() => _classifier.Score(_customerRow, []).Score;

    [Benchmark]
    public float ClassifierTorchSharp()
    {
        var artifact = _classifier.Artifact;
        artifact.Normalizer.Transform(_customerRow, _customerInput);
        using (torch.no_grad())
        using (var scope = torch.NewDisposeScope())
        {
            var input = torch.tensor(_customerInput, new long[] { 1, artifact.Schema.Count });
            return artifact.Calibration.Apply(_classifierTorch.Forward(input).item<float>());
        }
    }
}
