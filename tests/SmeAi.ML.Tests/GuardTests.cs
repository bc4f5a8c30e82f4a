using System.Buffers.Binary;
using Microsoft.Extensions.Options;
using SmeAi.ML.Inference;
using SmeAi.ML.Training;

namespace SmeAi.ML.Tests;

public sealed class GuardTests
{
    [Fact]
    public void An_artifact_with_a_nan_weight_is_refused()
    {
        var artifact = VaeTrainer.Train("sensors", SyntheticData.Schema, SyntheticData.Normal(300, seed: 1), VaeTrainerTests.FastOptions()).Artifact!;
        Assert.Null(ModelGuards.Validate(artifact));

        var weights = artifact.Weights.ToArray();
        BinaryPrimitives.WriteSingleLittleEndian(weights.AsSpan(8 + 2 + 9), float.NaN); // first weight of the first layer
        var refusal = ModelGuards.Validate(artifact with { Weights = weights });

        Assert.Equal(RefusalReason.NonFiniteWeights, refusal?.Reason);
        Assert.Contains("NaN", refusal!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_of_constant_data_is_refused_as_degenerate()
    {
        var rows = Enumerable.Range(0, 300).Select(_ => new float[] { 1, 2, 3, 4, 5, 6, 7, 8 }).ToArray();

        var result = VaeTrainer.Train("sensors", SyntheticData.Schema, rows, VaeTrainerTests.FastOptions());

        Assert.False(result.IsPublishable);
        Assert.Equal(RefusalReason.DegenerateScores, result.Refusal!.Reason);
    }

    [Fact]
    public void Too_little_data_is_refused_with_the_counts()
    {
        var vae = VaeTrainer.Train("sensors", SyntheticData.Schema, SyntheticData.Normal(50, seed: 1), VaeTrainerTests.FastOptions());
        Assert.Equal(RefusalReason.TooLittleData, vae.Refusal!.Reason);
        Assert.Contains("50", vae.Refusal.Detail, StringComparison.Ordinal);

        var rows = SyntheticData.Normal(400, seed: 1);
        var labels = rows.Select((_, i) => i < 5).ToArray();
        var classifier = ClassifierTrainer.Train("failures", SyntheticData.Schema, rows, labels, new ClassifierTrainingOptions());
        Assert.Equal(RefusalReason.TooLittleData, classifier.Refusal!.Reason);
    }

    [Fact]
    public void A_given_held_out_slice_needs_both_classes_and_rows_of_the_schema()
    {
        var rows = SyntheticData.Normal(300, seed: 2);
        var labels = rows.Select((_, i) => i % 5 == 0).ToArray();
        var oneClass = new LabelledRows(SyntheticData.Normal(40, seed: 3), [.. Enumerable.Repeat(false, 40)]);
        Assert.Equal(RefusalReason.TooLittleData, ClassifierTrainer.Train("failures", SyntheticData.Schema, rows, labels, new ClassifierTrainingOptions { Epochs = 2 }, heldOut: oneClass).Refusal!.Reason);

        var wrongWidth = new LabelledRows([[1, 2], [3, 4]], [true, false]);
        Assert.Equal(RefusalReason.InvalidData, ClassifierTrainer.Train("failures", SyntheticData.Schema, rows, labels, new ClassifierTrainingOptions { Epochs = 2 }, heldOut: wrongWidth).Refusal!.Reason);
    }

    [Fact]
    public void Rows_with_nan_or_the_wrong_width_are_refused_as_invalid()
    {
        var rows = SyntheticData.Normal(300, seed: 1);
        rows[17][3] = float.NaN;
        Assert.Equal(RefusalReason.InvalidData, VaeTrainer.Train("sensors", SyntheticData.Schema, rows, VaeTrainerTests.FastOptions()).Refusal!.Reason);

        rows[17] = [1, 2];
        Assert.Equal(RefusalReason.InvalidData, VaeTrainer.Train("sensors", SyntheticData.Schema, rows, VaeTrainerTests.FastOptions()).Refusal!.Reason);
    }

    [Fact]
    public void Invalid_options_are_rejected_listing_every_problem()
    {
        var options = new VaeTrainingOptions { Epochs = 0, LatentSize = 0, MaxThreads = 1000, HiddenSizes = [] };

        var result = VaeTrainingOptionsValidator.Instance.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(4, result.Failures!.Count());
        Assert.Throws<OptionsValidationException>(() => VaeTrainer.Train("sensors", SyntheticData.Schema, SyntheticData.Normal(300, 1), options));
        Assert.True(ClassifierTrainingOptionsValidator.Instance.Validate(null, new ClassifierTrainingOptions()).Succeeded);
        Assert.True(GanTrainingOptionsValidator.Instance.Validate(null, new GanTrainingOptions()).Succeeded);
        Assert.True(GanTrainingOptionsValidator.Instance.Validate(null, new GanTrainingOptions { CriticSteps = 0 }).Failed);
    }
}
