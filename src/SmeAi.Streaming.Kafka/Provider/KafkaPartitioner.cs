namespace SmeAi.Streaming.Kafka.Provider;

/// <summary>
/// librdkafka's default partitioner for keyed messages (<c>consistent_random</c>): CRC-32 (IEEE) of the key modulo the
/// partition count. Java clients default to murmur2 instead; the queue mapper uses this one only to answer
/// <c>GetQueueForStream</c>, never to route consumed messages.
/// </summary>
internal static class KafkaPartitioner
{
    private static readonly uint[] Table = BuildTable();

    public static int PartitionOf(ReadOnlySpan<byte> key, int partitions) => (int)(Crc32(key) % (uint)partitions);

    internal static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
