using System.Text;
using Confluent.Kafka;
using SmeAi.Streaming.Kafka.Cache;

namespace SmeAi.Streaming.Kafka.Tests.Cache;

/// <summary>The replay window's byte store: what goes in comes back, and its blocks are reused rather than piling up.</summary>
public sealed class RawEventLogTests
{
    [Fact]
    public void A_record_reads_back_as_the_messages_written()
    {
        var log = new RawEventLog();
        var written = new[]
        {
            Message(7, "m-1", "{\"a\":1}", 1_700_000_000_123),
            Message(9, "m-1", null, 1_700_000_000_456),
            Message(12, "m-1", "", 1_700_000_000_789),
        };

        var raw = log.Write(written);
        var read = RawEventLog.Read(raw, "machine-telemetry", 3);

        Assert.True(raw.IsWritten);
        Assert.Equal([7L, 9L, 12L], read.Select(m => m.Offset.Value));
        Assert.All(read, m => Assert.Equal(new TopicPartition("machine-telemetry", 3), m.TopicPartition));
        Assert.Equal(["{\"a\":1}", null, ""], read.Select(m => m.Message.Value is null ? null : Encoding.UTF8.GetString(m.Message.Value)));
        Assert.All(read, m => Assert.Equal("m-1", Encoding.UTF8.GetString(m.Message.Key)));
        Assert.Equal(written.Select(m => m.Message.Timestamp), read.Select(m => m.Message.Timestamp));
    }

    [Fact]
    public void Messages_with_headers_are_not_written()
    {
        var log = new RawEventLog();
        var withHeaders = Message(1, "m-1", "{}", 1);
        withHeaders.Message.Headers = new Headers { { "trace", [1] } };

        Assert.False(log.Write([Message(0, "m-1", "{}", 1), withHeaders]).IsWritten);
    }

    [Fact]
    public void Blocks_are_reused_once_their_records_are_released()
    {
        var log = new RawEventLog();
        var value = new string('x', 10_000);
        var window = new Queue<RawEvents>();
        for (var offset = 0L; offset < 2_000; offset++)
        {
            window.Enqueue(log.Write([Message(offset, "m-1", value, offset)]));
            if (window.Count > 150)
            {
                log.Release(window.Dequeue());
            }
        }

        // 150 records of 10 kB span two 1 MiB blocks, a third is being filled or kept for reuse: 20 MB went through.
        Assert.InRange(log.ChunkCount, 2, 4);
        Assert.Equal(1_999L, RawEventLog.Read(window.Last(), "t", 0).Single().Offset.Value);
    }

    [Fact]
    public void A_record_larger_than_a_block_gets_its_own()
    {
        var log = new RawEventLog();
        var large = new string('y', RawEventLog.ChunkSize + 1);

        var raw = log.Write([Message(5, "m-2", large, 5)]);

        Assert.Equal(large.Length, RawEventLog.Read(raw, "t", 0).Single().Message.Value.Length);
        log.Release(raw);
        log.Write([Message(6, "m-2", "{}", 6)]);
        Assert.Equal(1, log.ChunkCount);
    }

    private static ConsumeResult<byte[], byte[]> Message(long offset, string key, string? value, long timestampMs) => new()
    {
        Topic = "t",
        Partition = new Partition(0),
        Offset = new Offset(offset),
        Message = new Message<byte[], byte[]>
        {
            Key = Encoding.UTF8.GetBytes(key),
            Value = value is null ? null! : Encoding.UTF8.GetBytes(value),
            Timestamp = new Timestamp(timestampMs, TimestampType.CreateTime),
        },
    };
}
