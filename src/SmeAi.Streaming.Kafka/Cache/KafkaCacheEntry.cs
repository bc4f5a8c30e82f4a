using SmeAi.Streaming.Kafka.Provider;

namespace SmeAi.Streaming.Kafka.Cache;

/// <summary>One cached container, linked to the next container of the same stream so cursors skip other streams.</summary>
internal sealed class KafkaCacheEntry(long sequence, KafkaBatchContainer container)
{
    /// <summary>Position in the queue cache, increasing in the order containers were read.</summary>
    public long Sequence { get; } = sequence;

    public KafkaBatchContainer Container { get; } = container;

    public KafkaCacheEntry? NextInStream { get; set; }

    /// <summary>When every consumer had passed it (it left the live cache for the replay window); milliseconds.</summary>
    public long ReleasedAtMs { get; set; }
}
