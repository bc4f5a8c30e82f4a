namespace SmeAi.Grains.Training;

/// <summary>
/// Which reservoir rows an anomaly model learns, and is judged on, as normal behaviour. A label (a machine's
/// <c>failure</c>) comes only when the failure does and then marks the rows of the label horizon before it, so an
/// unlabelled row younger than the horizon is not known to be normal yet: a machine wearing out sends unlabelled
/// readings until it fails. Learning those as normal teaches the model the very wear it should flag, more of it with
/// every retraining (C-MAPSS engines degrade over their last cycles and fail one by one). So once the model's entities
/// report labels at all (some row is positive) and enough unlabelled rows are at least the horizon older than the
/// newest row, only those settled rows count as normal. Streams that never report labels, and young ones, keep learning
/// from every unlabelled row, so a model still starts from the first data.
/// </summary>
public static class NormalRows
{
    /// <summary>
    /// The latest event time of a row that counts as normal, or null when every unlabelled row counts: no row is labelled,
    /// or fewer than <paramref name="minimum"/> unlabelled rows are settled.
    /// </summary>
    public static DateTimeOffset? SettledUntil(IReadOnlyList<ReservoirRow> rows, TimeSpan labelHorizon, int minimum)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (!rows.Any(r => r.Positive))
        {
            return null;
        }

        var newest = rows.Max(r => r.Ts);
        var settled = rows.Count(r => !r.Positive && newest - r.Ts >= labelHorizon);
        return settled >= minimum ? newest - labelHorizon : null;
    }

    /// <summary>Whether <paramref name="row"/> counts as normal for the cut-off <see cref="SettledUntil"/> gave.</summary>
    public static bool IsNormal(ReservoirRow row, DateTimeOffset? settledUntil)
    {
        ArgumentNullException.ThrowIfNull(row);
        return !row.Positive && (settledUntil is not { } until || row.Ts <= until);
    }
}
