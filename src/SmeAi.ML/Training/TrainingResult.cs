using SmeAi.ML.Models;

namespace SmeAi.ML.Training;

/// <summary>Why a trainer or guard refused to publish a model.</summary>
public enum RefusalReason
{
    /// <summary>Fewer rows (or rows of a class) than the options' minimum, or too few left for the held-out slice.</summary>
    TooLittleData = 1,

    /// <summary>The input holds NaN or infinite feature values, or rows of the wrong width.</summary>
    InvalidData = 2,

    /// <summary>A weight or bias is NaN or infinite.</summary>
    NonFiniteWeights = 3,

    /// <summary>The held-out score distribution has (near) zero spread: the model cannot rank anything.</summary>
    DegenerateScores = 4,

    /// <summary>The managed forward pass disagrees with TorchSharp beyond tolerance.</summary>
    ExportMismatch = 5,
}

/// <summary>A refusal with a reason code for programs and a sentence for people.</summary>
public sealed record TrainingRefusal(RefusalReason Reason, string Detail)
{
    public override string ToString() => $"{Reason}: {Detail}";
}

/// <summary>The outcome of training: a publishable <see cref="Artifact"/>, or a <see cref="Refusal"/>.</summary>
public sealed record TrainingResult
{
    private TrainingResult(ModelArtifact? artifact, TrainingRefusal? refusal)
    {
        Artifact = artifact;
        Refusal = refusal;
    }

    public ModelArtifact? Artifact { get; }

    public TrainingRefusal? Refusal { get; }

    public bool IsPublishable => Artifact is not null;

    public static TrainingResult Published(ModelArtifact artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        return new(artifact, null);
    }

    public static TrainingResult Refused(RefusalReason reason, string detail) => new(null, new TrainingRefusal(reason, detail));

    public static TrainingResult Refused(TrainingRefusal refusal) => new(null, refusal);

    public override string ToString() => Artifact is { } a ? $"published {a.ModelName} ({a.Kind}, {a.Schema.Hash})" : $"refused: {Refusal}";
}
