namespace SmeAi.ML.Metrics;

/// <summary>Ranking and threshold metrics for binary labels (higher score = more likely positive).</summary>
public static class BinaryMetrics
{
    /// <summary>Area under the ROC curve (Mann-Whitney U with average ranks for ties); NaN without both classes.</summary>
    public static double RocAuc(ReadOnlySpan<float> scores, ReadOnlySpan<bool> labels)
    {
        Check(scores, labels);
        var order = Order(scores, descending: false);
        long positives = 0;
        double positiveRankSum = 0;
        var i = 0;
        while (i < order.Length)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]])
            {
                j++;
            }

            var averageRank = ((i + j) / 2.0) + 1;
            for (var k = i; k <= j; k++)
            {
                if (labels[order[k]])
                {
                    positives++;
                    positiveRankSum += averageRank;
                }
            }

            i = j + 1;
        }

        long negatives = scores.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return (positiveRankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>
    /// Area under the precision-recall curve as average precision: the sum over distinct thresholds of
    /// (recall gain) x precision, ties taken together (as scikit-learn's average_precision_score). NaN without positives.
    /// </summary>
    public static double PrAuc(ReadOnlySpan<float> scores, ReadOnlySpan<bool> labels)
    {
        Check(scores, labels);
        var order = Order(scores, descending: true);
        var positives = 0;
        foreach (var label in labels)
        {
            positives += label ? 1 : 0;
        }

        if (positives == 0)
        {
            return double.NaN;
        }

        double area = 0, previousRecall = 0;
        int truePositives = 0, seen = 0, i = 0;
        while (i < order.Length)
        {
            var j = i;
            while (j < order.Length && scores[order[j]] == scores[order[i]])
            {
                truePositives += labels[order[j]] ? 1 : 0;
                seen++;
                j++;
            }

            var recall = (double)truePositives / positives;
            area += (recall - previousRecall) * ((double)truePositives / seen);
            previousRecall = recall;
            i = j;
        }

        return area;
    }

    /// <summary>F1 of the rule "positive when score >= threshold"; 0 when nothing is predicted or present.</summary>
    public static double F1(ReadOnlySpan<float> scores, ReadOnlySpan<bool> labels, float threshold)
    {
        Check(scores, labels);
        int tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            var predicted = scores[i] >= threshold;
            if (predicted && labels[i])
            {
                tp++;
            }
            else if (predicted)
            {
                fp++;
            }
            else if (labels[i])
            {
                fn++;
            }
        }

        return tp == 0 ? 0 : 2.0 * tp / ((2.0 * tp) + fp + fn);
    }

    /// <summary>The best F1 over all thresholds and the threshold that reaches it.</summary>
    public static (double F1, float Threshold) BestF1(ReadOnlySpan<float> scores, ReadOnlySpan<bool> labels)
    {
        Check(scores, labels);
        var order = Order(scores, descending: true);
        var positives = 0;
        foreach (var label in labels)
        {
            positives += label ? 1 : 0;
        }

        (double F1, float Threshold) best = (0, float.PositiveInfinity);
        int tp = 0, predicted = 0, i = 0;
        while (i < order.Length)
        {
            var j = i;
            while (j < order.Length && scores[order[j]] == scores[order[i]])
            {
                tp += labels[order[j]] ? 1 : 0;
                predicted++;
                j++;
            }

            var f1 = tp == 0 ? 0 : 2.0 * tp / (predicted + positives);
            if (f1 > best.F1)
            {
                best = (f1, scores[order[i]]);
            }

            i = j;
        }

        return best;
    }

    private static int[] Order(ReadOnlySpan<float> scores, bool descending)
    {
        var keys = scores.ToArray();
        var order = new int[keys.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(keys, order);
        if (descending)
        {
            Array.Reverse(order);
        }

        return order;
    }

    private static void Check(ReadOnlySpan<float> scores, ReadOnlySpan<bool> labels)
    {
        if (scores.Length != labels.Length)
        {
            throw new ArgumentException($"{scores.Length} scores but {labels.Length} labels.", nameof(labels));
        }

        foreach (var score in scores)
        {
            if (float.IsNaN(score))
            {
                throw new ArgumentException("Scores must not be NaN.", nameof(scores));
            }
        }
    }
}
