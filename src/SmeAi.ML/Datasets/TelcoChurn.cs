using System.Globalization;
using SmeAi.ML.Features;

namespace SmeAi.ML.Datasets;

/// <summary>The IBM telco churn table encoded as model rows.</summary>
public sealed record TelcoChurnData(FeatureSchema Schema, IReadOnlyList<string> CustomerIds, IReadOnlyList<float[]> Rows, IReadOnlyList<bool> Labels);

/// <summary>
/// Reads <c>telco-churn/telco-churn-dev.csv</c>: numeric columns as they are (blank <c>TotalCharges</c> -> 0), plus
/// log(1 + tenure) and log(1 + TotalCharges): churn falls off steeply over the first months and flattens after, which
/// a log scale gives a small network directly (chosen by validation ROC-AUC on a slice of the training part);
/// categorical columns one-hot over fixed category lists so the schema (and its hash) never depends on the data.
/// An unseen category leaves its group all zero. Label: <c>Churn</c> = Yes; any value other than Yes or No is refused.
/// </summary>
public static class TelcoChurn
{
    public const string RelativePath = "telco-churn/telco-churn-dev.csv";

    private static readonly string[] _numeric = ["SeniorCitizen", "tenure", "MonthlyCharges", "TotalCharges"];

    private static readonly (string Column, string[] Categories)[] _categorical =
    [
        ("gender", ["Female", "Male"]),
        ("Partner", ["Yes", "No"]),
        ("Dependents", ["Yes", "No"]),
        ("PhoneService", ["Yes", "No"]),
        ("MultipleLines", ["Yes", "No", "No phone service"]),
        ("InternetService", ["DSL", "Fiber optic", "No"]),
        ("OnlineSecurity", ["Yes", "No", "No internet service"]),
        ("OnlineBackup", ["Yes", "No", "No internet service"]),
        ("DeviceProtection", ["Yes", "No", "No internet service"]),
        ("TechSupport", ["Yes", "No", "No internet service"]),
        ("StreamingTV", ["Yes", "No", "No internet service"]),
        ("StreamingMovies", ["Yes", "No", "No internet service"]),
        ("Contract", ["Month-to-month", "One year", "Two year"]),
        ("PaperlessBilling", ["Yes", "No"]),
        ("PaymentMethod", ["Electronic check", "Mailed check", "Bank transfer (automatic)", "Credit card (automatic)"]),
    ];

    private static readonly string[] _derived = ["log_tenure", "log_total_charges"];

    public static FeatureSchema Schema { get; } = new(
        "telco-churn",
        2,
        _numeric.Concat(_derived).Concat(_categorical.SelectMany(c => c.Categories.Select(category => $"{c.Column}={category}"))));

    /// <summary>Loads the dev file from the shared datasets folder (see <see cref="DatasetLocator"/>).</summary>
    public static TelcoChurnData LoadDev() => Load(DatasetLocator.GetFile("telco-churn", "telco-churn-dev.csv"));

    public static TelcoChurnData Load(string path)
    {
        using var reader = new StreamReader(path);
        return Load(reader);
    }

    public static TelcoChurnData Load(TextReader reader)
    {
        using var rows = CsvReader.ReadRows(reader).GetEnumerator();
        if (!rows.MoveNext())
        {
            throw new InvalidDataException("The telco churn file is empty.");
        }

        var header = rows.Current;
        int Column(string name) => Array.IndexOf(header, name) is var index and >= 0
            ? index
            : throw new InvalidDataException($"The telco churn file has no '{name}' column.");
        var idColumn = Column("customerID");
        var labelColumn = Column("Churn");
        var numericColumns = _numeric.Select(Column).ToArray();
        var categoricalColumns = _categorical.Select(c => Column(c.Column)).ToArray();

        var ids = new List<string>();
        var features = new List<float[]>();
        var labels = new List<bool>();
        var line = 1;
        while (rows.MoveNext())
        {
            line++;
            var fields = rows.Current;
            if (fields.Length != header.Length)
            {
                throw new InvalidDataException($"Line {line} has {fields.Length} fields; the header has {header.Length}.");
            }

            var row = new float[Schema.Count];
            var position = 0;
            for (var n = 0; n < numericColumns.Length; n++)
            {
                row[position++] = Number(fields[numericColumns[n]], line, _numeric[n]);
            }

            // row[1] and row[3] are tenure and TotalCharges (_numeric's order).
            row[position++] = MathF.Log(1 + row[1]);
            row[position++] = MathF.Log(1 + row[3]);
            for (var c = 0; c < _categorical.Length; c++)
            {
                var value = fields[categoricalColumns[c]].Trim();
                var categories = _categorical[c].Categories;
                for (var k = 0; k < categories.Length; k++)
                {
                    row[position++] = value == categories[k] ? 1f : 0f;
                }
            }

            ids.Add(fields[idColumn]);
            features.Add(row);
            labels.Add(Label(fields[labelColumn], line));
        }

        return new TelcoChurnData(Schema, ids, features, labels);
    }

    /// <summary>A label other than Yes or No (blank, "yes", "1") is a damaged row, not a customer who stayed.</summary>
    private static bool Label(string field, int line) => field.Trim() switch
    {
        "Yes" => true,
        "No" => false,
        var text => throw new InvalidDataException($"Line {line}, column Churn: '{text}' is not Yes or No."),
    };

    /// <summary>
    /// A blank field is 0. No thousands separators: float.Parse's default reads "29,85" as 2985. NaN, infinities and
    /// values beyond a float's range are refused here, with the place, rather than as a bad row at training.
    /// </summary>
    private static float Number(string field, int line, string column)
    {
        var text = field.Trim();
        if (text.Length == 0)
        {
            return 0f;
        }

        return float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && float.IsFinite(value)
            ? value
            : throw new InvalidDataException($"Line {line}, column {column}: '{text}' is not a finite number.");
    }
}
