namespace SmeAi.LoadTests.Measurement;

/// <summary>
/// Whether each entity's events were scored by model versions that only move forward: a hot swap promises that once
/// an entity's event was scored by a new version, none of its later events (by source offset) is scored by an older
/// one. Each score is compared with the entity's latest-offset score seen so far; an entity is its id's hash within its
/// source partition, where its events' offsets are ordered. Version 0 (no model could score it: the warm-up, or a
/// silo whose model cache has not loaded the model yet) is not a version and is left out. Not thread-safe.
/// </summary>
internal sealed class ModelVersionOrder
{
    private readonly Dictionary<(int Partition, ulong Entity), (long Offset, int Version)> _latest = [];

    /// <summary>Scores whose version was newer than that of the entity's previous event: the entity moved to it.</summary>
    public long Forward { get; private set; }

    /// <summary>Scores out of order with the entity's latest-offset one: an older version after a newer one.</summary>
    public long Backward { get; private set; }

    /// <summary>
    /// Records the score of entity <paramref name="entity"/>'s event at source <paramref name="partition"/> and
    /// <paramref name="offset"/> by <paramref name="version"/>; entity 0 (a record without an id) is left out.
    /// </summary>
    public void Add(ulong entity, int partition, long offset, int version)
    {
        if (entity == 0 || version == 0)
        {
            return;
        }

        var key = (partition, entity);
        if (!_latest.TryGetValue(key, out var latest))
        {
            _latest[key] = (offset, version);
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

            _latest[key] = (offset, version);
        }
        else if (version > latest.Version)
        {
            // Read after a later event of the entity, yet scored by a newer version than it.
            Backward++;
        }
    }
}
