namespace SmeAi.ML.Models;

/// <summary>What a model artifact holds; decides how its weights file is read and scored.</summary>
[GenerateSerializer]
public enum ModelKind
{
    /// <summary>Variational autoencoder: networks [encoder through mu, decoder]; score = reconstruction error.</summary>
    VaeAnomaly = 1,

    /// <summary>Binary MLP classifier: network [logit]; score = calibrated probability of the positive class.</summary>
    Classifier = 2,

    /// <summary>WGAN critic trained on the rare class: network [critic]; score = how rare-class-like a row looks.</summary>
    GanCritic = 3,
}
