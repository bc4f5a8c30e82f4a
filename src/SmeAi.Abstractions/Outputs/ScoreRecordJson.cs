using System.Buffers;
using System.Text.Json;
using SmeAi.Abstractions.Events.Validation;

namespace SmeAi.Abstractions.Outputs;

/// <summary>
/// Writes a <see cref="ScoreRecord"/> as the JSON that <see cref="JsonSerializer"/> writes with
/// <see cref="EventJson.Options"/> (camelCase, nulls left out), byte for byte, without the serializer's per-call
/// metadata lookups and write stack: every scored event is published, and the serializer took about a twentieth of the
/// silo's CPU under load.
/// </summary>
public static class ScoreRecordJson
{
    private static readonly JsonEncodedText DomainName = JsonEncodedText.Encode("domain");
    private static readonly JsonEncodedText EntityIdName = JsonEncodedText.Encode("entityId");
    private static readonly JsonEncodedText TsName = JsonEncodedText.Encode("ts");
    private static readonly JsonEncodedText ScoreName = JsonEncodedText.Encode("score");
    private static readonly JsonEncodedText ModelNameName = JsonEncodedText.Encode("modelName");
    private static readonly JsonEncodedText ModelVersionName = JsonEncodedText.Encode("modelVersion");
    private static readonly JsonEncodedText BandName = JsonEncodedText.Encode("band");
    private static readonly JsonEncodedText WarmupName = JsonEncodedText.Encode("warmup");
    private static readonly JsonEncodedText PartitionName = JsonEncodedText.Encode("partition");
    private static readonly JsonEncodedText OffsetName = JsonEncodedText.Encode("offset");
    private static readonly JsonEncodedText FailureRiskName = JsonEncodedText.Encode("failureRisk");
    private static readonly JsonEncodedText FailureModelVersionName = JsonEncodedText.Encode("failureModelVersion");

    // One buffer and writer per thread, reset for each record; the grains that publish run on the thread pool.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The record's JSON as UTF-8 bytes (a new array, handed to Kafka).</summary>
    public static byte[] ToUtf8Bytes(ScoreRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        writer.Reset(buffer);
        writer.WriteStartObject();
        WriteUnlessNull(writer, DomainName, record.Domain);
        WriteUnlessNull(writer, EntityIdName, record.EntityId);
        writer.WriteString(TsName, record.Ts);
        writer.WriteNumber(ScoreName, record.Score);
        WriteUnlessNull(writer, ModelNameName, record.ModelName);
        writer.WriteNumber(ModelVersionName, record.ModelVersion);
        WriteUnlessNull(writer, BandName, record.Band);
        writer.WriteBoolean(WarmupName, record.Warmup);
        writer.WriteNumber(PartitionName, record.Partition);
        writer.WriteNumber(OffsetName, record.Offset);
        if (record.FailureRisk is { } risk)
        {
            writer.WriteNumber(FailureRiskName, risk);
        }

        if (record.FailureModelVersion is { } version)
        {
            writer.WriteNumber(FailureModelVersionName, version);
        }

        writer.WriteEndObject();
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    // The options leave nulls out; the contract's strings are never null, but the bytes must not depend on that.
    private static void WriteUnlessNull(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
