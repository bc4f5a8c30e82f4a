namespace SmeAi.Cli.Terminal;

/// <summary>A plain left-aligned text table, columns padded to their widest cell.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public async Task WriteAsync(TextWriter writer, bool withHeader = true)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var lines = withHeader ? _rows.Prepend(headers).ToList() : _rows;
        var widths = Enumerable.Range(0, headers.Length)
            .Select(column => lines.Max(row => column < row.Length ? row[column].Length : 0))
            .ToArray();
        foreach (var row in lines)
        {
            var cells = row.Select((cell, column) => column == row.Length - 1 ? cell : cell.PadRight(widths[column]));
            await writer.WriteLineAsync(string.Join("  ", cells).TrimEnd());
        }
    }
}
