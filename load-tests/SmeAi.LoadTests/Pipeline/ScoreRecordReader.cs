using System.Text.Json;

namespace SmeAi.LoadTests.Pipeline;

/// <summary>
/// Reads the fields the harness needs from a <c>smeai-scores</c> value (a camelCase <c>ScoreRecord</c>) without
/// building the record: the collector reads tens of thousands a second on the machine it measures.
/// </summary>
internal static class ScoreRecordReader
{
    /// <summary>The event's time, its source coordinates, the model version that scored it and a 64-bit hash of its entity id (0 when absent).</summary>
    internal readonly record struct Fields(DateTimeOffset Ts, int Partition, long Offset, int ModelVersion, ulong Entity);

    public static bool TryRead(ReadOnlySpan<byte> json, out Fields fields)
    {
        fields = default;
        DateTimeOffset? ts = null;
        int? partition = null;
        long? offset = null;
        var version = 0;
        ulong entity = 0;
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("ts"u8))
                {
                    reader.Read();
                    ts = reader.GetDateTimeOffset();
                }
                else if (reader.ValueTextEquals("partition"u8))
                {
                    reader.Read();
                    partition = reader.GetInt32();
                }
                else if (reader.ValueTextEquals("offset"u8))
                {
                    reader.Read();
                    offset = reader.GetInt64();
                }
                else if (reader.ValueTextEquals("entityId"u8))
                {
                    reader.Read();
                    entity = reader.ValueIsEscaped ? Fnv1a(System.Text.Encoding.UTF8.GetBytes(reader.GetString()!)) : Fnv1a(reader.ValueSpan);
                }
                else if (reader.ValueTextEquals("modelVersion"u8))
                {
                    reader.Read();
                    version = reader.GetInt32();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        if (ts is null || partition is null || offset is null)
        {
            return false;
        }

        fields = new Fields(ts.Value, partition.Value, offset.Value, version, entity);
        return true;
    }

    // FNV-1a: the entity ids are hashed where they lie, so the reader allocates no string per record.
    private static ulong Fnv1a(ReadOnlySpan<byte> bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
