using System.Globalization;
using System.Text.Json;

namespace SmeAi.Cli.Replay;

/// <summary>
/// JSON lines: one object per line. Strings, numbers and booleans become cells; the members of a nested object
/// become cells of their own name (so <c>{"sensors":{"temperature":71.2}}</c> gives a <c>temperature</c> column, and
/// events already in the contract's shape replay as they are). Nulls and arrays are left out.
/// </summary>
internal static class JsonLinesReader
{
    public static SourceTable Read(string fileName, TextReader reader)
    {
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var rows = new List<SourceRow>();
        var problems = new List<RowProblem>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var cells = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            try
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    problems.Add(new RowProblem(lineNumber, $"is a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object"));
                    continue;
                }

                Flatten(document.RootElement, cells, nested: false);
            }
            catch (JsonException ex)
            {
                problems.Add(new RowProblem(lineNumber, $"is not valid JSON ({FirstSentence(ex.Message)})"));
                continue;
            }

            foreach (var name in cells.Keys.Where(seen.Add))
            {
                columns.Add(name);
            }

            rows.Add(new SourceRow(lineNumber, cells));
        }

        if (rows.Count == 0 && problems.Count == 0)
        {
            throw new Terminal.CliException($"{fileName}: the file is empty");
        }

        return new SourceTable(fileName, columns, rows, problems);
    }

    private static void Flatten(JsonElement element, Dictionary<string, string> cells, bool nested)
    {
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String:
                    cells[property.Name] = property.Value.GetString()!;
                    break;
                case JsonValueKind.Number:
                    cells[property.Name] = property.Value.GetRawText();
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    cells[property.Name] = property.Value.GetBoolean().ToString(CultureInfo.InvariantCulture).ToLowerInvariant();
                    break;
                case JsonValueKind.Object when !nested:
                    Flatten(property.Value, cells, nested: true);
                    break;
                default:
                    break;
            }
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd(' ', '|', '.');
    }
}
