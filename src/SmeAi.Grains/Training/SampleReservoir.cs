using SmeAi.Abstractions.Training;

namespace SmeAi.Grains.Training;

/// <summary>
/// A uniform sample of everything offered (Vitter's algorithm R), bounded in size, deterministic for a
/// seed and offer order. Rows carry their entity and event time so labels can be applied later.
/// </summary>
[GenerateSerializer]
public sealed class SampleReservoir
{
    [Id(0)]
    public List<ReservoirRow> Rows { get; set; } = [];

    [Id(1)]
    public long Seen { get; set; }

    [Id(2)]
    public List<string> FeatureNames { get; set; } = [];

    /// <summary>Labels seen, kept so that rows arriving after their label (messages may overtake each other) are marked too.</summary>
    [Id(3)]
    public List<LabelMark> Labels { get; set; } = [];

    /// <summary>Labels remembered at most; the oldest are forgotten first.</summary>
    public const int MaxLabels = 10_000;

    // Label times by entity, derived from Labels (not persisted) so offering a row stays cheap.
    [NonSerialized]
    private Dictionary<string, List<DateTimeOffset>>? _labelIndex;

    private Dictionary<string, List<DateTimeOffset>> LabelIndex()
    {
        if (_labelIndex is null)
        {
            _labelIndex = new Dictionary<string, List<DateTimeOffset>>(StringComparer.Ordinal);
            foreach (var label in Labels)
            {
                AddToIndex(_labelIndex, label.EntityId, label.Ts);
            }
        }

        return _labelIndex;
    }

    private static void AddToIndex(Dictionary<string, List<DateTimeOffset>> index, string entityId, DateTimeOffset ts)
    {
        if (!index.TryGetValue(entityId, out var times))
        {
            index[entityId] = times = [];
        }

        times.Add(ts);
    }

    /// <summary>
    /// Offers a sampled row; <paramref name="draw"/> gives a uniform value in [0, n) for the n-th offer. Once the
    /// reservoir is full most offers are dropped, so the row is made only when it is kept.
    /// </summary>
    public void Offer(TrainingSample sample, int capacity, TimeSpan labelHorizon, Func<long, long> draw)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(draw);
        Seen++;
        var slot = Rows.Count < capacity ? -1 : draw(Seen);
        if (slot >= capacity)
        {
            return;
        }

        var positive = LabelIndex().TryGetValue(sample.EntityId, out var labelTimes) && IsWithinHorizon(sample.Ts, labelTimes, labelHorizon);
        var row = new ReservoirRow(sample.EntityId, sample.Ts, sample.Values, positive);
        if (slot < 0)
        {
            Rows.Add(row);
        }
        else
        {
            Rows[(int)slot] = row;
        }
    }

    // A loop, not a lambda: a closure over the row would be allocated on every offer, labelled or not.
    private static bool IsWithinHorizon(DateTimeOffset rowTs, List<DateTimeOffset> labelTimes, TimeSpan horizon)
    {
        foreach (var ts in labelTimes)
        {
            if (rowTs <= ts && rowTs > ts - horizon)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Marks the entity's rows in (<paramref name="ts"/> - horizon, <paramref name="ts"/>] positive; returns how many.</summary>
    public int Label(string entityId, DateTimeOffset ts, TimeSpan horizon)
    {
        Labels.Add(new LabelMark(entityId, ts));
        if (Labels.Count > MaxLabels)
        {
            Labels.RemoveAt(0);
            _labelIndex = null;
        }
        else if (_labelIndex is not null)
        {
            AddToIndex(_labelIndex, entityId, ts);
        }

        var marked = 0;
        for (var i = 0; i < Rows.Count; i++)
        {
            var row = Rows[i];
            if (!row.Positive && row.EntityId == entityId && row.Ts <= ts && row.Ts > ts - horizon)
            {
                Rows[i] = row with { Positive = true };
                marked++;
            }
        }

        return marked;
    }

    /// <summary>Removes the entity's rows and labels (right to erasure); returns how many rows were removed.</summary>
    public int Forget(string entityId)
    {
        var removed = Rows.RemoveAll(r => r.EntityId == entityId);
        if (Labels.RemoveAll(l => l.EntityId == entityId) > 0)
        {
            _labelIndex = null;
        }

        return removed;
    }
}

[GenerateSerializer, Immutable]
public sealed record ReservoirRow(
    [property: Id(0)] string EntityId,
    [property: Id(1)] DateTimeOffset Ts,
    [property: Id(2)] float[] Values,
    [property: Id(3)] bool Positive);

[GenerateSerializer, Immutable]
public sealed record LabelMark(
    [property: Id(0)] string EntityId,
    [property: Id(1)] DateTimeOffset Ts);
