using System.Text;
using SmeAi.Cli.Terminal;

namespace SmeAi.Cli.Replay;

/// <summary>
/// RFC 4180 CSV with a header row: quoted fields may hold delimiters, doubled quotes and line breaks. The delimiter
/// is ',' unless given, or unless the header has more ';' or tabs than commas. Blank lines are skipped.
/// </summary>
internal static class CsvReader
{
    private static readonly char[] _candidates = [',', ';', '\t'];

    public static SourceTable Read(string fileName, TextReader reader, char? delimiter)
    {
        var text = reader.ReadToEnd();
        var records = Records(fileName, new StringReader(text), delimiter ?? DetectDelimiter(text)).GetEnumerator();
        using (records)
        {
            if (!records.MoveNext())
            {
                throw new CliException($"{fileName}: the file is empty; a CSV file needs a header row");
            }

            var header = records.Current.Fields.Select(f => f.Trim()).ToList();
            CheckHeader(fileName, header);
            var rows = new List<SourceRow>();
            var problems = new List<RowProblem>();
            while (records.MoveNext())
            {
                var (line, fields) = records.Current;
                if (fields.Count != header.Count)
                {
                    problems.Add(new RowProblem(line, $"has {fields.Count} cells; the header has {header.Count}"));
                    continue;
                }

                var cells = new Dictionary<string, string>(header.Count, StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < header.Count; i++)
                {
                    cells[header[i]] = fields[i];
                }

                rows.Add(new SourceRow(line, cells));
            }

            return new SourceTable(fileName, header, rows, problems);
        }
    }

    private static void CheckHeader(string fileName, List<string> header)
    {
        if (header.Any(string.IsNullOrEmpty))
        {
            throw new CliException($"{fileName} line 1: the header has an empty column name");
        }

        var duplicate = header.GroupBy(h => h, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new CliException($"{fileName} line 1: column '{duplicate.Key}' appears more than once");
        }
    }

    /// <summary>The records of the file with the line each starts on; the first one is the header.</summary>
    private static IEnumerable<(int Line, List<string> Fields)> Records(string fileName, TextReader reader, char separator)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var quotedField = false;
        int next;
        while ((next = reader.Read()) != -1)
        {
            var c = (char)next;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }

                continue;
            }

            if (c == '"' && field.Length == 0 && !quotedField)
            {
                inQuotes = quotedField = true;
                continue;
            }

            if (c is '\r' or '\n')
            {
                if (c == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                fields.Add(field.ToString());
                field.Clear();
                quotedField = false;
                if (fields.Count > 1 || fields[0].Length > 0)
                {
                    yield return (recordLine, fields);
                }

                fields = [];
                line++;
                recordLine = line;
                continue;
            }

            if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
                quotedField = false;
                continue;
            }

            field.Append(c);
        }

        if (inQuotes)
        {
            throw new CliException($"{fileName} line {recordLine}: a quoted field is not closed before the end of the file");
        }

        fields.Add(field.ToString());
        if (fields.Count > 1 || fields[0].Length > 0)
        {
            yield return (recordLine, fields);
        }
    }

    /// <summary>',' unless the first line has more ';' or tabs than commas.</summary>
    private static char DetectDelimiter(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        return _candidates.OrderByDescending(c => header.Count(h => h == c)).ThenBy(c => Array.IndexOf(_candidates, c)).First();
    }
}
