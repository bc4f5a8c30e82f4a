using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using SmeAi.ML.Calibration;
using SmeAi.ML.Features;
using SmeAi.ML.Inference;
using SmeAi.ML.Models;
using SmeAi.ML.Training;

namespace SmeAi.ML.Tests;

/// <summary>
/// A stored artifact whose normaliser or calibration is damaged scores NaN or nonsense for every event; the guard the
/// model grain runs on an artifact refuses it as invalid data, as it refuses damaged weights.
/// </summary>
public sealed class DamagedArtifactPartsTests
{
    private static readonly FeatureSchema Schema = new("damaged", 1, ["a", "b"]);

    private static readonly Dictionary<string, Func<ModelArtifact, ModelArtifact>> _damages = new(StringComparer.Ordinal)
    {
        ["mean NaN"] = a => a with { Normalizer = Stored([float.NaN, 0f], [1f, 1f]) },
        ["mean infinite"] = a => a with { Normalizer = Stored([0f, float.PositiveInfinity], [1f, 1f]) },
        ["scale zero"] = a => a with { Normalizer = Stored([0f, 0f], [1f, 0f]) },
        ["scale negative"] = a => a with { Normalizer = Stored([0f, 0f], [-1f, 1f]) },
        ["scale NaN"] = a => a with { Normalizer = Stored([0f, 0f], [float.NaN, 1f]) },
        ["scale infinite"] = a => a with { Normalizer = Stored([0f, 0f], [1f, float.PositiveInfinity]) },
        ["fewer scales than means"] = a => a with { Normalizer = Stored([0f, 0f], [1f]) },
        ["fewer features than the schema"] = a => a with { Normalizer = Stored([0f], [1f]) },
        ["no normaliser"] = a => a with { Normalizer = null! },
        ["Platt A NaN"] = a => a with { Calibration = ScoreCalibration.Platt(float.NaN, 0f) },
        ["Platt B infinite"] = a => a with { Calibration = ScoreCalibration.Platt(1f, float.NegativeInfinity) },
        ["CDF empty"] = a => a with { Calibration = new ScoreCalibration(CalibrationMethod.EmpiricalCdf, [], 0, 0) },
        ["CDF NaN"] = a => a with { Calibration = new ScoreCalibration(CalibrationMethod.EmpiricalCdf, [0f, float.NaN, 2f], 0, 0) },
        ["CDF infinite"] = a => a with { Calibration = new ScoreCalibration(CalibrationMethod.EmpiricalCdf, [0f, 1f, float.PositiveInfinity], 0, 0) },
        ["CDF out of order"] = a => a with { Calibration = new ScoreCalibration(CalibrationMethod.EmpiricalCdf, [0f, 2f, 1f], 0, 0) },
        ["unknown method"] = a => a with { Calibration = new ScoreCalibration((CalibrationMethod)99, [0f, 1f], 1f, 0f) },
        ["no calibration"] = a => a with { Calibration = null! },
        ["reference score NaN"] = a => a with { Metrics = a.Metrics with { ReferenceScores = [0.2f, float.NaN] } },
    };

    [Fact]
    public void The_undamaged_artifact_passes_the_guard()
    {
        Assert.Null(ModelGuards.Validate(Classifier()));
        Assert.Null(ModelGuards.Validate(Classifier() with { Calibration = ScoreCalibration.EmpiricalCdf([0f, 1f, 1f, 2f]) }));
    }

    [Theory]
    [InlineData("mean NaN")]
    [InlineData("mean infinite")]
    [InlineData("scale zero")]
    [InlineData("scale negative")]
    [InlineData("scale NaN")]
    [InlineData("scale infinite")]
    [InlineData("fewer scales than means")]
    [InlineData("fewer features than the schema")]
    [InlineData("no normaliser")]
    [InlineData("Platt A NaN")]
    [InlineData("Platt B infinite")]
    [InlineData("CDF empty")]
    [InlineData("CDF NaN")]
    [InlineData("CDF infinite")]
    [InlineData("CDF out of order")]
    [InlineData("unknown method")]
    [InlineData("no calibration")]
    [InlineData("reference score NaN")]
    public void A_damaged_normaliser_or_calibration_is_refused_as_invalid_data(string damage)
    {
        var damaged = RoundTrip(_damages[damage](Classifier()));

        var refusal = ModelGuards.Validate(damaged);

        Assert.Equal(RefusalReason.InvalidData, refusal?.Reason);
    }

    [Fact]
    public void Stored_bytes_keep_a_scale_the_constructor_refuses()
    {
        // Why the guard checks what the constructor already does: deserializing does not run the constructor.
        Assert.Throws<ArgumentException>(() => new Normalizer([0f, 0f], [1f, 0f]));
        Assert.Throws<ArgumentException>(() => new Normalizer([float.NaN, 0f], [1f, 1f]));
        var copy = RoundTrip(Classifier() with { Normalizer = Stored([0f, 0f], [1f, 0f]) });

        Assert.Equal([1f, 0f], copy.Normalizer.Scale.ToArray());
        Assert.True(float.IsNaN(ModelScorer.Create(copy).Score([0f, 0f], []).Score));
    }

    /// <summary>A classifier of one linear layer (weights 1, bias 0), Platt-calibrated, that passes every check.</summary>
    private static ModelArtifact Classifier() => new(
        "damaged", 1, ModelKind.Classifier, Schema, new Normalizer([0f, 0f], [1f, 1f]),
        WeightsCodec.Write([new DenseNetwork([new DenseLayer(2, 1, Activation.Identity, [1f, 1f], [0f])])]), ScoreCalibration.Platt(1f, 0f),
        new TrainingMetrics(100, 20, ImmutableDictionary<string, double>.Empty, []));

    /// <summary>A normaliser with the given fields, made as the deserializer makes one: without the constructor's checks.</summary>
    private static Normalizer Stored(float[] mean, float[] scale)
    {
        var normalizer = (Normalizer)RuntimeHelpers.GetUninitializedObject(typeof(Normalizer));
        BackingField(nameof(Normalizer.Mean)).SetValue(normalizer, ImmutableArray.Create(mean));
        BackingField(nameof(Normalizer.Scale)).SetValue(normalizer, ImmutableArray.Create(scale));
        return normalizer;
    }

    private static FieldInfo BackingField(string property) =>
        typeof(Normalizer).GetField($"<{property}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic)!;

    /// <summary>The artifact as the model grain reads it back from storage.</summary>
    private static ModelArtifact RoundTrip(ModelArtifact artifact)
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        return serializer.Deserialize<ModelArtifact>(serializer.SerializeToArray(artifact))!;
    }
}
