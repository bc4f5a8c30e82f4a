namespace SmeAi.ML.Calibration;

/// <summary>Fits Platt scaling (Platt 1999, with Lin/Lin/Weng's smoothed targets) by Newton's method on a held-out slice.</summary>
public static class PlattScaling
{
    public static ScoreCalibration Fit(ReadOnlySpan<float> logits, ReadOnlySpan<bool> labels)
    {
        if (logits.Length != labels.Length || logits.Length == 0)
        {
            throw new ArgumentException("Logits and labels must be non-empty and of equal length.", nameof(labels));
        }

        // One NaN or infinite logit makes every step NaN, and the calibration would map every score to NaN.
        foreach (var logit in logits)
        {
            if (!float.IsFinite(logit))
            {
                throw new ArgumentException("Logits must be finite numbers.", nameof(logits));
            }
        }

        int positives = 0;
        foreach (var label in labels)
        {
            positives += label ? 1 : 0;
        }

        var negatives = labels.Length - positives;
        var highTarget = (positives + 1.0) / (positives + 2.0);
        var lowTarget = 1.0 / (negatives + 2.0);

        // Newton's method stalls where the sigmoid saturates: logits far from zero (all in [26, 34], say) would start
        // with every p at 0 or 1 and run off to a step function. Fit on standardised logits instead, starting from the
        // class prior (Platt's own start), and map a and b back to the raw logits at the end.
        var standardized = Standardize(logits, out var center, out var spread);
        double a = 0, b = Math.Log((positives + 1.0) / (negatives + 1.0));
        var previousLoss = double.PositiveInfinity;
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0, loss = 0;
            for (var i = 0; i < standardized.Length; i++)
            {
                var s = standardized[i];
                var t = labels[i] ? highTarget : lowTarget;
                var p = Sigmoid((a * s) + b);
                var d = p - t;
                ga += d * s;
                gb += d;
                var w = Math.Max(p * (1 - p), 1e-12);
                haa += w * s * s;
                hab += w * s;
                hbb += w;
                loss -= (t * Math.Log(Math.Max(p, 1e-15))) + ((1 - t) * Math.Log(Math.Max(1 - p, 1e-15)));
            }

            if (Math.Abs(previousLoss - loss) < 1e-10 * Math.Max(1, Math.Abs(loss)))
            {
                break;
            }

            previousLoss = loss;
            haa += 1e-9;
            hbb += 1e-9;
            var det = (haa * hbb) - (hab * hab);
            if (Math.Abs(det) < 1e-18)
            {
                break;
            }

            var da = ((hbb * ga) - (hab * gb)) / det;
            var db = ((haa * gb) - (hab * ga)) / det;

            // Backtrack so the loss never increases.
            var step = 1.0;
            while (step > 1e-6 && Loss(standardized, labels, a - (step * da), b - (step * db), highTarget, lowTarget) > loss)
            {
                step /= 2;
            }

            a -= step * da;
            b -= step * db;
        }

        // sigmoid(a * (s - center) / spread + b) = sigmoid((a / spread) * s + (b - a * center / spread)).
        return ScoreCalibration.Platt((float)(a / spread), (float)(b - (a * center / spread)));
    }

    /// <summary>The logits minus their mean, divided by their standard deviation (1 when they are all equal).</summary>
    private static double[] Standardize(ReadOnlySpan<float> logits, out double center, out double spread)
    {
        center = 0;
        foreach (var logit in logits)
        {
            center += logit;
        }

        center /= logits.Length;
        double squares = 0;
        foreach (var logit in logits)
        {
            squares += (logit - center) * (logit - center);
        }

        spread = Math.Sqrt(squares / logits.Length);
        if (!(spread > 1e-12 * Math.Max(1, Math.Abs(center))))
        {
            spread = 1;
        }

        var standardized = new double[logits.Length];
        for (var i = 0; i < logits.Length; i++)
        {
            standardized[i] = (logits[i] - center) / spread;
        }

        return standardized;
    }

    private static double Loss(ReadOnlySpan<double> logits, ReadOnlySpan<bool> labels, double a, double b, double high, double low)
    {
        double loss = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            var p = Sigmoid((a * logits[i]) + b);
            var t = labels[i] ? high : low;
            loss -= (t * Math.Log(Math.Max(p, 1e-15))) + ((1 - t) * Math.Log(Math.Max(1 - p, 1e-15)));
        }

        return loss;
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
