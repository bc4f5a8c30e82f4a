using SmeAi.Abstractions.Entities;

namespace SmeAi.Grains.Entities;

/// <summary>
/// An entity's latest scores, at most <see cref="Capacity"/>, kept as one array of small structs used as a ring. A list
/// of score records held 50 to 99 objects per busy entity (4-6 KB); this holds one array of at most 1.2 KB, grown
/// as scores come so that an entity with a few events keeps only a few slots.
/// </summary>
[GenerateSerializer]
public sealed class ScoreHistory
{
    public const int Capacity = 50;

    private const int FirstSlots = 4;

    /// <summary>The slots in use, in ring order from <see cref="Start"/> once the ring is full, from 0 before that.</summary>
    [Id(0)]
    public ScoreSlot[] Slots { get; set; } = [];

    /// <summary>How many slots hold a score.</summary>
    [Id(1)]
    public int Count { get; set; }

    /// <summary>The oldest score's slot once the ring is full (0 until then).</summary>
    [Id(2)]
    public int Start { get; set; }

    public void Add(DateTimeOffset ts, double score, int modelVersion)
    {
        var slot = new ScoreSlot(ts.UtcTicks, score, modelVersion, (short)ts.Offset.TotalMinutes);
        if (Count < Capacity)
        {
            if (Count == Slots.Length)
            {
                var grown = new ScoreSlot[Math.Min(Capacity, Math.Max(FirstSlots, Slots.Length * 2))];
                Array.Copy(Slots, grown, Count);
                Slots = grown;
            }

            Slots[Count++] = slot;
            return;
        }

        // Full: the newest takes the oldest's slot, and the next oldest becomes the start.
        Slots[Start] = slot;
        Start = (Start + 1) % Capacity;
    }

    /// <summary>The scores, oldest first.</summary>
    public List<ScorePoint> ToList()
    {
        var points = new List<ScorePoint>(Count);
        for (var i = 0; i < Count; i++)
        {
            points.Add(Slots[(Start + i) % Count].ToPoint());
        }

        return points;
    }
}
