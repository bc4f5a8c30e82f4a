namespace SmeAi.Cli.Replay;

/// <summary>The file formats <c>smeai replay</c> reads.</summary>
internal enum ReplayFormat
{
    /// <summary>By extension: <c>.jsonl</c>, <c>.ndjson</c> and <c>.json</c> are JSON lines, anything else CSV.</summary>
    Auto,
    Csv,
    JsonLines,
}

internal static class ReplayFormats
{
    public static ReplayFormat FromExtension(FileInfo file) => file.Extension.ToUpperInvariant() switch
    {
        ".JSONL" or ".NDJSON" or ".JSON" => ReplayFormat.JsonLines,
        _ => ReplayFormat.Csv,
    };
}
