using System.Globalization;
using SmeAi.ML.Datasets;
using SmeAi.ML.Features;

namespace SmeAi.Evaluation.Datasets;

/// <summary>One AI4I 2020 reading as it was recorded (the failure-mode columns are not kept: they leak the label).</summary>
public sealed record Ai4iReading(int Udi, string ProductId, string Type, double AirTemperatureK, double ProcessTemperatureK, double RotationalSpeedRpm, double TorqueNm, double ToolWearMin, bool MachineFailure);

/// <summary>The AI4I 2020 readings and their encoded model rows; <see cref="Labels"/> is <c>Machine failure</c>.</summary>
public sealed record Ai4iData(FeatureSchema Schema, IReadOnlyList<Ai4iReading> Readings, IReadOnlyList<float[]> Rows, IReadOnlyList<bool> Labels);

/// <summary>
/// Reads <c>ai4i2020/ai4i2020.csv</c>. Features: the product quality type one-hot, the five measured quantities, and the
/// physical combinations the failure physics is stated in: process minus air temperature difference, mechanical power
/// (torque x rotational speed in rad/s), tool wear x torque (overstrain), temperature difference x rotational speed
/// (heat dissipation is poor when both are low), log power and the squared distance of power from a nominal 6 kW
/// (power fails at both ends). TWF/HDF/PWF/OSF/RNF are failure modes derived from the label and are never features.
/// </summary>
public static class Ai4i2020
{
    public const string Folder = "ai4i2020";
    public const string FileName = "ai4i2020.csv";

    public static IReadOnlyList<string> Types { get; } = ["L", "M", "H"];

    public static FeatureSchema Schema { get; } = new(
        "ai4i2020",
        2,
        [
            "Type=L", "Type=M", "Type=H", "air_temperature_k", "process_temperature_k", "rotational_speed_rpm", "torque_nm",
            "tool_wear_min", "temperature_difference_k", "power_w", "wear_torque", "heat_dissipation_k_krpm", "log_power_w",
            "power_deviation_kw2",
        ]);

    /// <summary>Centre of <c>power_deviation_kw2</c>: a round figure near the typical mechanical power of the mill.</summary>
    private const double NominalPowerW = 6000;

    public static Ai4iData Load(string datasetsDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetsDirectory);
        using var reader = new StreamReader(Path.Combine(datasetsDirectory, Folder, FileName));
        return Load(reader);
    }

    public static Ai4iData Load(TextReader reader)
    {
        using var rows = CsvReader.ReadRows(reader).GetEnumerator();
        if (!rows.MoveNext())
        {
            throw new InvalidDataException("The AI4I 2020 file is empty.");
        }

        var header = rows.Current;
        int Column(string name) => Array.IndexOf(header, name) is var index and >= 0
            ? index
            : throw new InvalidDataException($"The AI4I 2020 file has no '{name}' column.");
        int[] columns =
        [
            Column("UDI"), Column("Product ID"), Column("Type"), Column("Air temperature [K]"), Column("Process temperature [K]"),
            Column("Rotational speed [rpm]"), Column("Torque [Nm]"), Column("Tool wear [min]"), Column("Machine failure"),
        ];

        var readings = new List<Ai4iReading>();
        while (rows.MoveNext())
        {
            var fields = rows.Current;
            if (fields.Length != header.Length)
            {
                throw new InvalidDataException($"AI4I row {readings.Count + 1} has {fields.Length} fields; the header has {header.Length}.");
            }

            double Number(int column) => double.Parse(fields[columns[column]], NumberStyles.Float, CultureInfo.InvariantCulture);
            readings.Add(new Ai4iReading(
                (int)Number(0), fields[columns[1]], fields[columns[2]].Trim(), Number(3), Number(4), Number(5), Number(6), Number(7), Number(8) >= 1));
        }

        return new Ai4iData(Schema, readings, [.. readings.Select(Encode)], [.. readings.Select(r => r.MachineFailure)]);
    }

    /// <summary>The model row of one reading, ordered as <see cref="Schema"/>.</summary>
    public static float[] Encode(Ai4iReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var angularSpeed = reading.RotationalSpeedRpm * 2 * Math.PI / 60;
        var power = reading.TorqueNm * angularSpeed;
        var temperatureDifference = reading.ProcessTemperatureK - reading.AirTemperatureK;
        var powerDeviationKw = (power - NominalPowerW) / 1000;
        return
        [
            reading.Type == "L" ? 1 : 0,
            reading.Type == "M" ? 1 : 0,
            reading.Type == "H" ? 1 : 0,
            (float)reading.AirTemperatureK,
            (float)reading.ProcessTemperatureK,
            (float)reading.RotationalSpeedRpm,
            (float)reading.TorqueNm,
            (float)reading.ToolWearMin,
            (float)temperatureDifference,
            (float)power,
            (float)(reading.ToolWearMin * reading.TorqueNm),
            (float)(temperatureDifference * reading.RotationalSpeedRpm / 1000),
            (float)Math.Log(Math.Max(power, 1)),
            (float)(powerDeviationKw * powerDeviationKw),
        ];
    }
}
