namespace SmeAi.Streaming.Kafka.Cache;

/// <summary>One block of a <see cref="RawEventLog"/> and how many containers still point into it.</summary>
internal sealed class RawEventChunk(int size)
{
    public byte[] Bytes { get; } = new byte[size];

    public int Used { get; set; }

    public int References { get; set; }
}
