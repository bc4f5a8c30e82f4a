namespace SmeAi.Evaluation.Datasets;

/// <summary>The datasets of the evaluation, as flags so a run can pick several.</summary>
[Flags]
public enum EvaluationDatasets
{
    None = 0,
    TelcoChurn = 1,
    NslKdd = 2,
    Ai4i2020 = 4,
    CmapssFd001 = 8,
    All = TelcoChurn | NslKdd | Ai4i2020 | CmapssFd001,
}
