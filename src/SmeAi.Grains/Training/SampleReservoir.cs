using SmeAi.Abstractions.Training;

namespace SmeAi.Grains.Training;

/// <summary>
/// A uniform sample of everything offered, bounded in size: the rows of smallest <see cref="RowPriority"/> (bottom-k),
/// so the same rows give the same sample in whatever order and batches they arrive, as they do from entity grains that
/// run in parallel. Rows carry their entity and event time so labels can be applied later.
/// </summary>
[GenerateSerializer]
public sealed class SampleReservoir
{
    [Id(0)]
    public List<ReservoirRow> Rows { get; set; } = [];

    /// <summary>Rows offered, kept or not.</summary>
    [Id(1)]
    public long Seen { get; set; }

    [Id(2)]
    public List<string> FeatureNames { get; set; } = [];

    /// <summary>Of <see cref="Seen"/>, rows the entity grains counted but did not send: above the bound of this reservoir's <c>SampleFilter</c>.</summary>
    [Id(4)]
    public long FilteredAtSource { get; set; }

    /// <summary>Labels seen, kept so that rows arriving after their label (messages may overtake each other) are marked too.</summary>
    [Id(3)]
    public List<LabelMark> Labels { get; set; } = [];

    /// <summary>Labels remembered at most; the oldest are forgotten first.</summary>
    public const int MaxLabels = 10_000;

    // Label times by entity, derived from Labels (not persisted) so offering a row stays cheap.
    [NonSerialized]
    private Dictionary<string, List<DateTimeOffset>>? _labelIndex;

    // A max-heap of row indices by priority (not persisted, rebuilt when first needed): its top is the row an offer of
    // smaller priority replaces. _priorities[i] belongs to Rows[i].
    [NonSerialized]
    private int[]? _heap;

    [NonSerialized]
    private ulong[]? _priorities;

    [NonSerialized]
    private ulong _indexSeed;

    // Rows the heap holds: a change of Rows from outside (they are settable for the serializer) shows as a mismatch.
    [NonSerialized]
    private int _indexedRows;

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
    /// Offers a sampled row: kept while the reservoir has room, afterwards only if its priority under
    /// <paramref name="seed"/> (<see cref="RowPriority.SeedFor"/>) is below the largest kept one, which it replaces.
    /// A dropped row costs a hash and no allocation; a kept one O(log capacity).
    /// </summary>
    public void Offer(TrainingSample sample, int capacity, TimeSpan labelHorizon, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(sample);
        Seen++;
        EnsurePriorityIndex(seed);
        var priority = RowPriority.Of(seed, sample.EntityId, sample.Ts, sample.Values);
        var full = Rows.Count >= capacity;
        if (full && Compare(priority, sample.EntityId, sample.Ts, sample.Values, _heap![0]) >= 0)
        {
            return;
        }

        var positive = LabelIndex().TryGetValue(sample.EntityId, out var labelTimes) && IsWithinHorizon(sample.Ts, labelTimes, labelHorizon);
        var row = new ReservoirRow(sample.EntityId, sample.Ts, sample.Values, positive);
        if (full)
        {
            var slot = _heap![0];
            Rows[slot] = row;
            _priorities![slot] = priority;
            SiftDown(0, Rows.Count);
            return;
        }

        Rows.Add(row);
        var index = Rows.Count - 1;
        if (_priorities!.Length <= index)
        {
            Array.Resize(ref _priorities, Math.Max(16, _priorities.Length * 2));
            Array.Resize(ref _heap, _priorities.Length);
        }

        _priorities[index] = priority;
        _heap![index] = index;
        _indexedRows = Rows.Count;
        SiftUp(index);
    }

    /// <summary>Counts rows the entity grains left out by this reservoir's bound: seen, and never offered.</summary>
    public void CountFilteredAtSource(int count)
    {
        Seen += count;
        FilteredAtSource += count;
    }

    /// <summary>
    /// The largest priority under <paramref name="seed"/> that a row can have and still be kept: the largest kept one
    /// once the reservoir holds <paramref name="capacity"/> rows (a row of equal priority may still win on content),
    /// <see cref="ulong.MaxValue"/> before.
    /// </summary>
    public ulong MaxKeptPriority(int capacity, ulong seed)
    {
        if (Rows.Count < capacity)
        {
            return ulong.MaxValue;
        }

        EnsurePriorityIndex(seed);
        return _priorities![_heap![0]];
    }

    /// <summary>Starts over with another feature set: the rows of the old one are dropped, the labels stay.</summary>
    public void ChangeSchema(IEnumerable<string> featureNames)
    {
        Rows.Clear();
        FeatureNames = [.. featureNames];
        _heap = null;
    }

    /// <summary>
    /// The rows in an order that depends only on which rows they are (event time, entity, values), not on the order
    /// they were offered in, so the same sample trains the same model.
    /// </summary>
    public List<ReservoirRow> RowsInStableOrder()
    {
        var rows = Rows.ToList();
        rows.Sort(static (a, b) =>
        {
            var byTime = a.Ts.UtcTicks.CompareTo(b.Ts.UtcTicks);
            return byTime != 0 ? byTime : CompareContent(a.EntityId, a.Ts, a.Values, b.EntityId, b.Ts, b.Values);
        });
        return rows;
    }

    /// <summary>Builds the priority heap over the rows when it is missing or stale (after deserialising, a removal, another seed).</summary>
    private void EnsurePriorityIndex(ulong seed)
    {
        if (_heap is not null && _indexSeed == seed && _indexedRows == Rows.Count)
        {
            return;
        }

        var count = Rows.Count;
        _priorities = new ulong[Math.Max(16, count)];
        _heap = new int[_priorities.Length];
        for (var i = 0; i < count; i++)
        {
            var row = Rows[i];
            _priorities[i] = RowPriority.Of(seed, row.EntityId, row.Ts, row.Values);
            _heap[i] = i;
        }

        _indexSeed = seed;
        _indexedRows = count;
        for (var i = (count / 2) - 1; i >= 0; i--)
        {
            SiftDown(i, count);
        }
    }

    /// <summary>Orders an offered row against kept row <paramref name="slot"/>: by priority, then (equal hashes) by content.</summary>
    private int Compare(ulong priority, string entityId, DateTimeOffset ts, float[] values, int slot)
    {
        var byPriority = priority.CompareTo(_priorities![slot]);
        if (byPriority != 0)
        {
            return byPriority;
        }

        var row = Rows[slot];
        return CompareContent(entityId, ts, values, row.EntityId, row.Ts, row.Values);
    }

    private int CompareSlots(int a, int b) => Compare(_priorities![a], Rows[a].EntityId, Rows[a].Ts, Rows[a].Values, b);

    private static int CompareContent(string entityA, DateTimeOffset tsA, float[] valuesA, string entityB, DateTimeOffset tsB, float[] valuesB)
    {
        var order = string.CompareOrdinal(entityA, entityB);
        if (order != 0)
        {
            return order;
        }

        order = tsA.UtcTicks.CompareTo(tsB.UtcTicks);
        if (order != 0)
        {
            return order;
        }

        for (var i = 0; i < Math.Min(valuesA.Length, valuesB.Length); i++)
        {
            order = BitConverter.SingleToInt32Bits(valuesA[i]).CompareTo(BitConverter.SingleToInt32Bits(valuesB[i]));
            if (order != 0)
            {
                return order;
            }
        }

        return valuesA.Length.CompareTo(valuesB.Length);
    }

    private void SiftUp(int position)
    {
        var heap = _heap!;
        while (position > 0)
        {
            var parent = (position - 1) / 2;
            if (CompareSlots(heap[position], heap[parent]) <= 0)
            {
                return;
            }

            (heap[position], heap[parent]) = (heap[parent], heap[position]);
            position = parent;
        }
    }

    private void SiftDown(int position, int count)
    {
        var heap = _heap!;
        while (true)
        {
            var largest = position;
            var left = (2 * position) + 1;
            if (left < count && CompareSlots(heap[left], heap[largest]) > 0)
            {
                largest = left;
            }

            if (left + 1 < count && CompareSlots(heap[left + 1], heap[largest]) > 0)
            {
                largest = left + 1;
            }

            if (largest == position)
            {
                return;
            }

            (heap[position], heap[largest]) = (heap[largest], heap[position]);
            position = largest;
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
        if (removed > 0)
        {
            _heap = null;
        }
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
