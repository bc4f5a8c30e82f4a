using Orleans.Runtime;

namespace SmeAi.Streaming.Kafka.Cache;

/// <summary>The cached containers of one stream (oldest first) and the cursors reading them.</summary>
internal sealed class KafkaCacheStream(StreamId streamId)
{
    public StreamId StreamId { get; } = streamId;

    public KafkaCacheEntry? Head { get; set; }

    public KafkaCacheEntry? Tail { get; set; }

    public List<KafkaQueueCacheCursor> Cursors { get; } = [];

    /// <summary>When the stream's latest container left the live cache (delivered to every consumer); milliseconds.</summary>
    public long LastReleasedAtMs { get; set; }

    public bool IsEmpty => Head is null && Cursors.Count == 0;
}
