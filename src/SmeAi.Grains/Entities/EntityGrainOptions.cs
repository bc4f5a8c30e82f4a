namespace SmeAi.Grains.Entities;

/// <summary>
/// Write-behind of entity state. Bound from <c>Entities</c>. A silo lost without deactivation replays at
/// most the events since the last write; the stream provider's checkpoint lags by at least
/// <see cref="FlushInterval"/> so those events are still in Kafka (see docs/kafka-provider.md).
/// </summary>
public sealed class EntityGrainOptions
{
    public const string SectionName = "Entities";

    /// <summary>Write state after this many applied events. Default 200.</summary>
    public int FlushEveryEvents { get; set; } = 200;

    /// <summary>Write state at least this often while events arrive. Default 5 seconds.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(5);
}
