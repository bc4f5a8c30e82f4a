using System.Buffers.Binary;
using System.Collections.Immutable;
using SmeAi.ML.Calibration;
using SmeAi.ML.Features;
using SmeAi.ML.Inference;
using SmeAi.ML.Models;
using SmeAi.ML.Training;

namespace SmeAi.ML.Tests;

/// <summary>
/// A weights file whose layer shapes are damaged is invalid data: the reader says so, and the guard the model grain
/// runs on an artifact refuses it rather than throwing an exception nobody expects.
/// </summary>
public sealed class DamagedWeightsTests
{
    private static readonly FeatureSchema Schema = new("damaged", 1, ["a", "b"]);

    [Fact]
    public void Layers_that_do_not_chain_are_invalid_data_and_refused_by_the_guard()
    {
        // Layer 0 gives 3 values, layer 1 says it takes 2.
        var weights = File([(2, 3), (2, 1)]);

        Assert.Throws<InvalidDataException>(() => WeightsCodec.Read(weights));
        Assert.Equal(RefusalReason.InvalidData, ModelGuards.Validate(Artifact(weights))?.Reason);
    }

    [Fact]
    public void A_network_without_layers_is_invalid_data_and_refused_by_the_guard()
    {
        var weights = File([]);

        Assert.Throws<InvalidDataException>(() => WeightsCodec.Read(weights));
        Assert.Equal(RefusalReason.InvalidData, ModelGuards.Validate(Artifact(weights))?.Reason);
    }

    [Fact]
    public void A_layer_shape_whose_weight_count_overflows_is_invalid_data_and_refused_by_the_guard()
    {
        // 2^20 x 4095 weights: more than an int holds, though each side is within the reader's limit.
        var overflowing = File([(1 << 20, 4095)], floats: 16);
        // 2^16 x 2^16 weights: 2^32, which wraps to 0 in 32-bit arithmetic.
        var wrapping = File([(1 << 16, 1 << 16)], floats: 1 << 16);

        Assert.Throws<InvalidDataException>(() => WeightsCodec.Read(overflowing));
        Assert.Throws<InvalidDataException>(() => WeightsCodec.Read(wrapping));
        Assert.Equal(RefusalReason.InvalidData, ModelGuards.Validate(Artifact(overflowing))?.Reason);
        Assert.Equal(RefusalReason.InvalidData, ModelGuards.Validate(Artifact(wrapping))?.Reason);
    }

    /// <summary>One network with the given layer shapes; each layer's floats are <paramref name="floats"/> or exactly what its shape needs.</summary>
    private static byte[] File((int Inputs, int Outputs)[] layers, int? floats = null)
    {
        var bytes = new List<byte>();
        bytes.AddRange("SMEW"u8.ToArray());
        bytes.AddRange(UInt16(WeightsCodec.FormatVersion));
        bytes.AddRange(UInt16(1));
        bytes.AddRange(UInt16((ushort)layers.Length));
        foreach (var (inputs, outputs) in layers)
        {
            bytes.AddRange(UInt32((uint)inputs));
            bytes.AddRange(UInt32((uint)outputs));
            bytes.Add((byte)Activation.Identity);
            bytes.AddRange(new byte[4 * (floats ?? ((inputs * outputs) + outputs))]);
        }

        return [.. bytes];
    }

    private static byte[] UInt16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] UInt32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static ModelArtifact Artifact(byte[] weights) => new(
        "damaged", 1, ModelKind.Classifier, Schema, new Normalizer([0f, 0f], [1f, 1f]), weights, ScoreCalibration.Platt(1f, 0f),
        new TrainingMetrics(100, 20, ImmutableDictionary<string, double>.Empty, []));
}
