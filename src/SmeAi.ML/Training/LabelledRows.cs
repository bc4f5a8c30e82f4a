namespace SmeAi.ML.Training;

/// <summary>Feature rows with their labels, index by index (a held-out slice given to <see cref="ClassifierTrainer"/>).</summary>
public sealed record LabelledRows(IReadOnlyList<float[]> Rows, IReadOnlyList<bool> Labels);
