namespace SmeAi.Cli.Replay;

/// <summary>One data row of a replay file: its 1-based line in the file and its cells by column name (case-insensitive).</summary>
internal sealed record SourceRow(int Line, IReadOnlyDictionary<string, string> Cells);

/// <summary>A row that could not be turned into an event, and why.</summary>
internal sealed record RowProblem(int Line, string Reason);

/// <summary>
/// A replay file read into memory: column names in order of first appearance, the rows, and the rows that could
/// not even be read (a CSV row with too many cells, a JSON line that is not an object).
/// </summary>
internal sealed record SourceTable(string FileName, IReadOnlyList<string> Columns, IReadOnlyList<SourceRow> Rows, IReadOnlyList<RowProblem> Problems)
{
    /// <summary>Rows read plus rows that could not be read.</summary>
    public int RowCount => Rows.Count + Problems.Count;

    /// <summary>Reads a CSV or JSON-lines file, by <paramref name="format"/> or else by its extension.</summary>
    /// <exception cref="Terminal.CliException">The file is missing, empty or not in the format.</exception>
    public static SourceTable Read(FileInfo file, ReplayFormat format, char? delimiter)
    {
        if (!file.Exists)
        {
            throw new Terminal.CliException($"{file.Name}: file not found ({file.FullName})");
        }

        var resolved = format == ReplayFormat.Auto ? ReplayFormats.FromExtension(file) : format;
        using var reader = new StreamReader(file.FullName, detectEncodingFromByteOrderMarks: true);
        return resolved == ReplayFormat.JsonLines
            ? JsonLinesReader.Read(file.Name, reader)
            : CsvReader.Read(file.Name, reader, delimiter);
    }
}
