using System.Buffers.Binary;
using Confluent.Kafka;

namespace SmeAi.Streaming.Kafka.Cache;

/// <summary>
/// The consumed bytes of one queue's containers, packed into large blocks, so that the replay window can hold messages
/// without holding their decoded events. Seconds of decoded events at tens of thousands a second are many small
/// objects that every gen0 collection has to copy (under steady load they were most of what survived it, and the
/// pauses set the latency's tail); a few 1 MiB blocks on the large object heap are never copied. A block is reused
/// once no container points into it. The bytes are the messages as consumed (before the data adapter, so before any
/// pseudonymisation), which the topic itself holds for far longer. Used on the pulling agent's turn only, so it takes
/// no locks.
/// </summary>
internal sealed class RawEventLog
{
    /// <summary>Block size: above the large object threshold, so blocks are never moved by the GC.</summary>
    public const int ChunkSize = 1 << 20;

    private const int MaxSpareChunks = 2;
    // Each message: offset, timestamp, timestamp type, then key and value, each as a length (-1 for null) and its bytes.
    private const int TimestampAt = sizeof(long);
    private const int TimestampTypeAt = TimestampAt + sizeof(long);
    private const int KeyAt = TimestampTypeAt + sizeof(byte);
    private const int EventHeaderBytes = KeyAt + sizeof(int) + sizeof(int);

    private readonly Stack<RawEventChunk> _spare = new();
    private RawEventChunk? _current;

    /// <summary>Blocks in use or kept for reuse.</summary>
    public int ChunkCount { get; private set; }

    /// <summary>Records written and not yet released: each pins its block.</summary>
    public int LiveRecords { get; private set; }

    /// <summary>
    /// Writes <paramref name="messages"/> (one container's, in offset order) as one record. Messages with headers are not
    /// written (the record keeps key, value and timestamp only): the caller keeps their decoded events instead.
    /// </summary>
    public RawEvents Write(IReadOnlyList<ConsumeResult<byte[], byte[]>> messages)
    {
        var length = sizeof(int);
        foreach (var message in messages)
        {
            if (message.Message.Headers is { Count: > 0 })
            {
                return default;
            }

            length += EventHeaderBytes + (message.Message.Key?.Length ?? 0) + (message.Message.Value?.Length ?? 0);
        }

        var chunk = ChunkWithRoom(length);
        var start = chunk.Used;
        var span = chunk.Bytes.AsSpan(start, length);
        BinaryPrimitives.WriteInt32LittleEndian(span, messages.Count);
        var position = sizeof(int);
        foreach (var message in messages)
        {
            BinaryPrimitives.WriteInt64LittleEndian(span[position..], message.Offset.Value);
            BinaryPrimitives.WriteInt64LittleEndian(span[(position + TimestampAt)..], message.Message.Timestamp.UnixTimestampMs);
            span[position + TimestampTypeAt] = (byte)message.Message.Timestamp.Type;
            position += KeyAt;
            position = WriteBytes(span, position, message.Message.Key);
            position = WriteBytes(span, position, message.Message.Value);
        }

        chunk.Used += length;
        chunk.References++;
        LiveRecords++;
        return new RawEvents(chunk, start, length);
    }

    /// <summary>The messages of a record as consume results of <paramref name="topic"/>/<paramref name="partition"/>.</summary>
    public static List<ConsumeResult<byte[], byte[]>> Read(RawEvents raw, string topic, int partition)
    {
        var span = raw.Chunk!.Bytes.AsSpan(raw.Start, raw.Length);
        var count = BinaryPrimitives.ReadInt32LittleEndian(span);
        var messages = new List<ConsumeResult<byte[], byte[]>>(count);
        var position = sizeof(int);
        for (var i = 0; i < count; i++)
        {
            var offset = BinaryPrimitives.ReadInt64LittleEndian(span[position..]);
            var timestamp = new Timestamp(
                BinaryPrimitives.ReadInt64LittleEndian(span[(position + TimestampAt)..]), (TimestampType)span[position + TimestampTypeAt]);
            position += KeyAt;
            var key = ReadBytes(span, ref position);
            var value = ReadBytes(span, ref position);
            messages.Add(new ConsumeResult<byte[], byte[]>
            {
                Topic = topic,
                Partition = new Partition(partition),
                Offset = new Offset(offset),
                Message = new Message<byte[], byte[]> { Key = key!, Value = value!, Timestamp = timestamp },
            });
        }

        return messages;
    }

    /// <summary>A container no longer needs its record; its block is reused once no record in it is needed.</summary>
    public void Release(RawEvents raw)
    {
        if (raw.Chunk is not { } chunk)
        {
            return;
        }

        chunk.References--;
        LiveRecords--;
        if (chunk.References == 0 && !ReferenceEquals(chunk, _current))
        {
            Recycle(chunk);
        }
    }

    private RawEventChunk ChunkWithRoom(int length)
    {
        if (_current is { } current && ChunkSize - current.Used >= length)
        {
            return current;
        }

        if (_current is { References: 0 } idle)
        {
            Recycle(idle);
        }

        if (length > ChunkSize)
        {
            // A record larger than a block gets a block of its own, dropped with it.
            ChunkCount++;
            return _current = new RawEventChunk(length);
        }

        if (!_spare.TryPop(out var next))
        {
            next = new RawEventChunk(ChunkSize);
            ChunkCount++;
        }

        return _current = next;
    }

    private void Recycle(RawEventChunk chunk)
    {
        if (ReferenceEquals(chunk, _current))
        {
            _current = null;
        }

        if (chunk.Bytes.Length == ChunkSize && _spare.Count < MaxSpareChunks)
        {
            chunk.Used = 0;
            _spare.Push(chunk);
        }
        else
        {
            ChunkCount--;
        }
    }

    private static int WriteBytes(Span<byte> span, int position, byte[]? bytes)
    {
        BinaryPrimitives.WriteInt32LittleEndian(span[position..], bytes?.Length ?? -1);
        position += sizeof(int);
        if (bytes is not null)
        {
            bytes.CopyTo(span[position..]);
            position += bytes.Length;
        }

        return position;
    }

    private static byte[]? ReadBytes(ReadOnlySpan<byte> span, ref int position)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(span[position..]);
        position += sizeof(int);
        if (length < 0)
        {
            return null;
        }

        var bytes = span.Slice(position, length).ToArray();
        position += length;
        return bytes;
    }
}
