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

    /// <summary>Offers a row; <paramref name="draw"/> gives a uniform value in [0, n) for the n-th offer.</summary>
    public void Offer(ReservoirRow row, int capacity, Func<long, long> draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        Seen++;
        if (Rows.Count < capacity)
        {
            Rows.Add(row);
            return;
        }

        var slot = draw(Seen);
        if (slot < capacity)
        {
            Rows[(int)slot] = row;
        }
    }

    /// <summary>Marks the entity's rows in (<paramref name="ts"/> - horizon, <paramref name="ts"/>] positive; returns how many.</summary>
    public int Label(string entityId, DateTimeOffset ts, TimeSpan horizon)
    {
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
}

[GenerateSerializer, Immutable]
public sealed record ReservoirRow(
    [property: Id(0)] string EntityId,
    [property: Id(1)] DateTimeOffset Ts,
    [property: Id(2)] float[] Values,
    [property: Id(3)] bool Positive);
