namespace SmeAi.Evaluation.Evaluators;

/// <summary>
/// The alert rule of the evaluation: raise after <c>consecutive</c> scores at or above the raise threshold, clear after as
/// many below the clear threshold. Returns the positions at which an alert was raised.
/// </summary>
internal static class AlertHysteresis
{
    public static List<int> Raises(IReadOnlyList<float> scores, float raiseAt, float clearBelow, int consecutive)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var raises = new List<int>();
        var open = false;
        var run = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var counts = open ? scores[i] < clearBelow : scores[i] >= raiseAt;
            run = counts ? run + 1 : 0;
            if (run >= consecutive)
            {
                if (!open)
                {
                    raises.Add(i);
                }

                open = !open;
                run = 0;
            }
        }

        return raises;
    }
}
