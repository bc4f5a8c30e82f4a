namespace SmeAi.Cli.Replay;

/// <summary>How the columns of a replay file map to an input contract, as given on the command line (null: detect).</summary>
/// <param name="Topic">The input topic, which fixes the contract.</param>
/// <param name="TimestampColumn">The event-time column.</param>
/// <param name="TimestampFormat">A .NET date format, or <c>unix</c> / <c>unix-ms</c>; null accepts ISO 8601 and Unix seconds or milliseconds.</param>
/// <param name="EntityColumn">The entity id column.</param>
/// <param name="FixedEntity">One entity id for every row, instead of a column.</param>
/// <param name="TypeColumn">The event type column (customer and security events) or kind column (machine telemetry).</param>
/// <param name="FixedType">One event type for every row.</param>
/// <param name="ValueColumns">The value columns; null takes every other numeric column.</param>
internal sealed record ReplaySettings(
    string Topic,
    string? TimestampColumn = null,
    string? TimestampFormat = null,
    string? EntityColumn = null,
    string? FixedEntity = null,
    string? TypeColumn = null,
    string? FixedType = null,
    IReadOnlyList<string>? ValueColumns = null);
