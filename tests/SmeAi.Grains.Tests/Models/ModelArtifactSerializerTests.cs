using Orleans.Serialization;
using SmeAi.Abstractions.Models;
using SmeAi.Grains.Models;
using SmeAi.ML.Inference;
using SmeAi.ML.Models;

namespace SmeAi.Grains.Tests.Models;

[Collection(TwoSiloClusterDefinition.Name)]
public sealed class ModelArtifactSerializerTests(TwoSiloClusterFixture cluster)
{
    private readonly ModelArtifactSerializer _artifacts = cluster.SiloService<ModelArtifactSerializer>(0);

    [Fact]
    public void A_model_with_nan_weights_is_refused_before_it_reaches_the_registry()
    {
        var artifact = TinyModels.Classifier("nan", float.NaN);

        var error = Assert.Throws<InvalidOperationException>(() => _artifacts.ToCandidate(artifact));
        Assert.Contains("cannot be published", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stored_payload_with_nan_weights_is_refused_when_loaded()
    {
        // Written around the publication check, as an older build or a hand-edited row would have it.
        var package = TinyPackages.Unchecked(cluster.SiloService<Serializer<ModelArtifact>>(0), TinyModels.Classifier("stored-nan", float.NaN), 3);

        var error = Assert.Throws<InvalidDataException>(() => _artifacts.FromPackage(package));
        Assert.Contains("stored-nan version 3 is stored but cannot be loaded", error.Message, StringComparison.Ordinal);
        Assert.Contains("NaN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_package_round_trips_to_the_same_scores_under_the_registrys_version()
    {
        var artifact = TinyModels.Classifier("round-trip", 0.7f);
        var candidate = _artifacts.ToCandidate(artifact);
        var info = new ModelVersionInfo("round-trip", 4, candidate.Kind, candidate.SchemaHash, 1, 1, candidate.Metrics, DateTimeOffset.UnixEpoch, null);

        var restored = ModelScorer.Create(_artifacts.FromPackage(new ModelPackage(info, candidate.Payload)));

        Assert.Equal(4, restored.ModelVersion);
        Assert.Equal(ModelScorer.Create(artifact).Score([0.3f, -1.2f]).Score, restored.Score([0.3f, -1.2f]).Score);
    }
}
