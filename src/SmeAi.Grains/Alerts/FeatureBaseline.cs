using SmeAi.Abstractions.Outputs;

namespace SmeAi.Grains.Alerts;

/// <summary>
/// An entity's own normal, per feature by name (a machine's sensors, a customer's habits, a subject's volumes). It
/// explains scores (value against baseline) and, for machines, is a detector of its own: a reading far outside the
/// machine's range is anomalous even when no model knows its sensor set yet.
/// </summary>
[GenerateSerializer]
public sealed class FeatureBaseline
{
    /// <summary>Deviation (in standard deviations) at which <see cref="AnomalyScore"/> is 0.5; it reaches 0.995 near 10.5.</summary>
    public const double MidpointDeviation = 7;

    [Id(0)]
    public Dictionary<string, RunningStat> Features { get; set; } = new(StringComparer.Ordinal);

    public void Learn(IReadOnlyList<string> names, ReadOnlySpan<float> row)
    {
        ArgumentNullException.ThrowIfNull(names);
        for (var i = 0; i < names.Count; i++)
        {
            if (!Features.TryGetValue(names[i], out var stat))
            {
                Features[names[i]] = stat = new RunningStat();
            }

            stat.Add(row[i]);
        }
    }

    /// <summary>
    /// How far outside its own range the row is, in [0,1]: a logistic of the largest deviation over features with at
    /// least <paramref name="warmup"/> readings; 0 while none has.
    /// </summary>
    public double AnomalyScore(IReadOnlyList<string> names, ReadOnlySpan<float> row, int warmup)
    {
        ArgumentNullException.ThrowIfNull(names);
        var largest = 0.0;
        for (var i = 0; i < names.Count; i++)
        {
            if (Features.TryGetValue(names[i], out var stat) && stat.Count >= warmup)
            {
                // Not Math.Max: a NaN deviation (a baseline that overflowed) must not make the score NaN.
                var deviation = Math.Abs(stat.Deviation(row[i]));
                if (deviation > largest)
                {
                    largest = deviation;
                }
            }
        }

        return largest == 0 ? 0 : 1 / (1 + Math.Exp(-1.5 * (largest - MidpointDeviation)));
    }

    /// <summary>
    /// The <paramref name="count"/> features behind a score: those the model named (<paramref name="modelOrder"/>, most
    /// contributing first) if any, else the largest deviations from the baseline; each with value and baseline.
    /// </summary>
    public IReadOnlyList<FeatureExplanation> Explain(IReadOnlyList<string> names, ReadOnlySpan<float> row, ReadOnlySpan<int> modelOrder, int count)
    {
        ArgumentNullException.ThrowIfNull(names);
        var chosen = new List<int>(count);
        foreach (var index in modelOrder)
        {
            if (chosen.Count < count && index >= 0 && index < names.Count && !chosen.Contains(index))
            {
                chosen.Add(index);
            }
        }

        var deviations = new double[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            deviations[i] = Features.TryGetValue(names[i], out var stat) ? stat.Deviation(row[i]) : 0;
        }

        foreach (var index in Enumerable.Range(0, names.Count).OrderByDescending(i => Math.Abs(deviations[i])))
        {
            if (chosen.Count >= count)
            {
                break;
            }

            if (!chosen.Contains(index))
            {
                chosen.Add(index);
            }
        }

        var result = new FeatureExplanation[chosen.Count];
        for (var i = 0; i < chosen.Count; i++)
        {
            var index = chosen[i];
            var baseline = Features.TryGetValue(names[index], out var stat) ? stat.Mean : row[index];
            result[i] = new FeatureExplanation(names[index], row[index], Math.Round(baseline, 6), Math.Round(deviations[index], 3));
        }

        return result;
    }
}
