namespace SmeAi.Streaming.Kafka.Cache;

/// <summary>Where one container's messages sit in a <see cref="RawEventLog"/>; default when they were not written.</summary>
internal readonly record struct RawEvents(RawEventChunk? Chunk, int Start, int Length)
{
    public bool IsWritten => Chunk is not null;
}
