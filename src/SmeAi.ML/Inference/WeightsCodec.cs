using System.Buffers.Binary;

namespace SmeAi.ML.Inference;

/// <summary>
/// The compact, versioned weights file: every number little-endian.
/// <code>
/// "SMEW" | u16 format version (1) | u16 network count
/// per network: u16 layer count
///   per layer: u32 inputs | u32 outputs | u8 activation | float32 weights[outputs*inputs] (row-major) | float32 bias[outputs]
/// </code>
/// Nothing follows the last network; a reader rejects trailing bytes, truncation, unknown versions and activations.
/// </summary>
public static class WeightsCodec
{
    public const ushort FormatVersion = 1;

    private static ReadOnlySpan<byte> Magic => "SMEW"u8;

    public static byte[] Write(IReadOnlyList<DenseNetwork> networks)
    {
        ArgumentNullException.ThrowIfNull(networks);
        var size = 8L;
        foreach (var network in networks)
        {
            size += 2;
            foreach (var layer in network.Layers)
            {
                size += 9 + 4L * (layer.Weights.Length + layer.Bias.Length);
            }
        }

        var buffer = new byte[size];
        var span = buffer.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], FormatVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], checked((ushort)networks.Count));
        var offset = 8;
        foreach (var network in networks)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[offset..], checked((ushort)network.Layers.Length));
            offset += 2;
            foreach (var layer in network.Layers)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(span[offset..], (uint)layer.Inputs);
                BinaryPrimitives.WriteUInt32LittleEndian(span[(offset + 4)..], (uint)layer.Outputs);
                span[offset + 8] = (byte)layer.Activation;
                offset += 9;
                offset = WriteFloats(span, offset, layer.Weights);
                offset = WriteFloats(span, offset, layer.Bias);
            }
        }

        return buffer;
    }

    public static IReadOnlyList<DenseNetwork> Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < 8 || !data[..4].SequenceEqual(Magic))
        {
            throw new InvalidDataException("Not a SmeAi weights file (magic 'SMEW' missing).");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(data[4..]);
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"Weights format version {version} is not supported (this build reads {FormatVersion}).");
        }

        var networkCount = BinaryPrimitives.ReadUInt16LittleEndian(data[6..]);
        var offset = 8;
        var networks = new List<DenseNetwork>(networkCount);
        for (var n = 0; n < networkCount; n++)
        {
            Require(data, offset, 2);
            var layerCount = BinaryPrimitives.ReadUInt16LittleEndian(data[offset..]);
            offset += 2;
            if (layerCount == 0)
            {
                throw new InvalidDataException($"Network {n} has no layers.");
            }

            var layers = new List<DenseLayer>(layerCount);
            for (var l = 0; l < layerCount; l++)
            {
                Require(data, offset, 9);
                var inputs = BinaryPrimitives.ReadUInt32LittleEndian(data[offset..]);
                var outputs = BinaryPrimitives.ReadUInt32LittleEndian(data[(offset + 4)..]);
                var activation = (Activation)data[offset + 8];
                offset += 9;
                if (inputs is 0 or > 1 << 20 || outputs is 0 or > 1 << 20 || !Enum.IsDefined(activation))
                {
                    throw new InvalidDataException($"Layer {l} of network {n} has an invalid shape {inputs}x{outputs} or activation {(byte)activation}.");
                }

                // Each side is within limits, but their product may not be: 64-bit, and checked against the bytes left.
                var weightCount = (long)inputs * outputs;
                Require(data, offset, 4 * (weightCount + outputs));
                if (layers.Count > 0 && layers[^1].Outputs != inputs)
                {
                    throw new InvalidDataException($"Layer {l} of network {n} takes {inputs} inputs but layer {l - 1} gives {layers[^1].Outputs}.");
                }

                var weights = ReadFloats(data, ref offset, (int)weightCount);
                var bias = ReadFloats(data, ref offset, (int)outputs);
                layers.Add(new DenseLayer((int)inputs, (int)outputs, activation, weights, bias));
            }

            networks.Add(new DenseNetwork(layers));
        }

        if (offset != data.Length)
        {
            throw new InvalidDataException($"{data.Length - offset} unexpected bytes after the last network.");
        }

        return networks;
    }

    private static int WriteFloats(Span<byte> span, int offset, ReadOnlySpan<float> values)
    {
        foreach (var value in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(span[offset..], value);
            offset += 4;
        }

        return offset;
    }

    private static float[] ReadFloats(ReadOnlySpan<byte> data, ref int offset, int count)
    {
        Require(data, offset, 4L * count);
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(offset + (4 * i))..]);
        }

        offset += 4 * count;
        return values;
    }

    private static void Require(ReadOnlySpan<byte> data, int offset, long count)
    {
        if (offset + count > data.Length)
        {
            throw new InvalidDataException("The weights file is truncated.");
        }
    }
}
