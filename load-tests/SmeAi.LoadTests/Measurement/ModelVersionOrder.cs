namespace SmeAi.LoadTests.Measurement;

/// <summary>
/// Whether each entity's events were scored by model versions that only move forward: a hot swap promises that once
/// an entity's event was scored by a new version, none of its later events (by source offset) is scored by an older
/// one. Each score is compared with the entity's latest-offset score seen so far. Not thread-safe.
/// </summary>
internal sealed class ModelVersionOrder
{
    private readonly Dictionary<ulong, (long Offset, int Version)> _latest = [];

    /// <summary>Scores whose version was newer than that of the entity's previous event: the entity moved to it.</summary>
    public long Forward { get; private set; }

    /// <summary>Scores out of order with the entity's latest-offset one: an older version after a newer one.</summary>
    public long Backward { get; private set; }

    /// <summary>Records the score of entity <paramref name="entity"/>'s event at source <paramref name="offset"/> by <paramref name="version"/>.</summary>
    public void Add(ulong entity, long offset, int version)
    {
        if (!_latest.TryGetValue(entity, out var latest))
        {
            _latest[entity] = (offset, version);
            return;
        }

        if (offset > latest.Offset)
        {
            if (version > latest.Version)
            {
                Forward++;
            }
            else if (version < latest.Version)
            {
                Backward++;
            }

            _latest[entity] = (offset, version);
        }
        else if (version > latest.Version)
        {
            // Read after a later event of the entity, yet scored by a newer version than it.
            Backward++;
        }
    }
}
