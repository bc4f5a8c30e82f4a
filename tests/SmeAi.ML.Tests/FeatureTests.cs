using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using SmeAi.ML.Features;
using SmeAi.ML.Models;
using SmeAi.ML.Training;

namespace SmeAi.ML.Tests;

public sealed class FeatureTests
{
    [Fact]
    public void The_schema_hash_is_stable_and_depends_on_names_order_and_version()
    {
        var schema = new FeatureSchema("machine", 1, ["temperature", "vibration"]);

        Assert.Equal(schema.Hash, new FeatureSchema("machine", 1, ["temperature", "vibration"]).Hash);
        Assert.Equal(16, schema.Hash.Length);
        Assert.NotEqual(schema.Hash, new FeatureSchema("machine", 1, ["vibration", "temperature"]).Hash);
        Assert.NotEqual(schema.Hash, new FeatureSchema("machine", 2, ["temperature", "vibration"]).Hash);
        Assert.NotEqual(schema.Hash, new FeatureSchema("machine", 1, ["temperature", "vibration", "pressure"]).Hash);
        Assert.Equal(1, schema.IndexOf("vibration"));
        Assert.Throws<ArgumentException>(() => new FeatureSchema("machine", 1, ["a", "a"]));
    }

    [Fact]
    public void A_schema_name_with_a_newline_is_refused_so_no_two_schemas_hash_the_same_text()
    {
        // Both would hash "m\n1\n1\na\n".
        _ = new FeatureSchema("m", 1, ["1", "a"]);
        Assert.Throws<ArgumentException>(() => new FeatureSchema("m\n1", 1, ["a"]));
        Assert.Throws<ArgumentException>(() => new FeatureSchema("m", 1, ["1\na"]));

        // Hashes of valid schemas are unchanged: stored models and the names derived from them stay found.
        Assert.Equal("24a7a3e1d6c88ecc", new FeatureSchema("machine", 1, ["temperature", "vibration"]).Hash);
    }

    [Fact]
    public void The_normalizer_standardises_and_leaves_constant_columns_finite()
    {
        var normalizer = Normalizer.Fit([[1, 5], [3, 5], [5, 5]]);

        Assert.Equal([3f, 5f], normalizer.Mean.ToArray());
        Assert.Equal(1f, normalizer.Scale[1]);
        var row = normalizer.Transform([5f, 7f]);
        Assert.Equal(2 / MathF.Sqrt(8 / 3f), row[0], 5);
        Assert.Equal(2f, row[1]);
        var back = new float[2];
        normalizer.Inverse(row, back);
        Assert.Equal([5f, 7f], back);
    }

    [Fact]
    public void A_model_artifact_round_trips_through_the_orleans_serializer()
    {
        var artifact = VaeTrainer.Train("sensors", SyntheticData.Schema, SyntheticData.Normal(300, seed: 1), VaeTrainerTests.FastOptions()).Artifact! with { Version = 3 };
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();

        var copy = serializer.Deserialize<ModelArtifact>(serializer.SerializeToArray(artifact));
        Assert.NotNull(copy);

        Assert.Equal(artifact.Schema, copy.Schema);
        Assert.Equal(3, copy.Version);
        Assert.Equal(artifact.Weights.ToArray(), copy.Weights.ToArray());
        Assert.Equal(artifact.Normalizer.Scale.ToArray(), copy.Normalizer.Scale.ToArray());
        Assert.Equal(artifact.Calibration.SortedReference.ToArray(), copy.Calibration.SortedReference.ToArray());
        Assert.Equal(artifact.Metrics.Values, copy.Metrics.Values);
        var row = SyntheticData.Anomalous(1, seed: 2)[0];
        Assert.Equal(Inference.ModelScorer.Create(artifact).Score(row, []), Inference.ModelScorer.Create(copy).Score(row, []));
    }
}
