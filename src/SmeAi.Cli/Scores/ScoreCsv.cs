using System.Globalization;
using SmeAi.Abstractions.Outputs;

namespace SmeAi.Cli.Scores;

/// <summary>
/// The CSV of <c>smeai scores export</c>:
/// <c>entity,ts,score,model_version,warmup,domain,model,band,failure_risk,failure_model_version</c>, in event-time
/// order. Warm-up rows (scored before any model existed) keep score 0 and say <c>warmup=true</c>. The two failure
/// columns come last, so readers of the first eight keep working, and are empty when the record carries no failure
/// probability (other domains, or a machine whose sensor set has no failure classifier yet).
/// </summary>
internal static class ScoreCsv
{
    public const string Header = "entity,ts,score,model_version,warmup,domain,model,band,failure_risk,failure_model_version";

    /// <summary>
    /// Orders by event time and drops exact redeliveries (the same source event scored twice after a restart: same
    /// domain, entity, time and source partition and offset), keeping the first: the score the event got when it came,
    /// not a later re-scoring by whatever model was current after the restart.
    /// </summary>
    public static IReadOnlyList<ScoreRecord> Arrange(IEnumerable<ScoreRecord> records) =>
    [
        .. records
            .GroupBy(r => (r.Domain, r.EntityId, r.Ts, r.Partition, r.Offset))
            .Select(g => g.First())
            .OrderBy(r => r.Ts)
            .ThenBy(r => r.Domain, StringComparer.Ordinal)
            .ThenBy(r => r.EntityId, StringComparer.Ordinal)
            .ThenBy(r => r.Partition)
            .ThenBy(r => r.Offset),
    ];

    public static async Task WriteAsync(TextWriter writer, IEnumerable<ScoreRecord> records)
    {
        ArgumentNullException.ThrowIfNull(writer);
        await writer.WriteLineAsync(Header);
        foreach (var r in records)
        {
            await writer.WriteLineAsync(string.Join(
                ',',
                Escape(r.EntityId),
                r.Ts.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
                r.Score.ToString("R", CultureInfo.InvariantCulture),
                r.ModelVersion.ToString(CultureInfo.InvariantCulture),
                r.Warmup ? "true" : "false",
                Escape(r.Domain),
                Escape(r.ModelName),
                Escape(r.Band),
                r.FailureRisk?.ToString("R", CultureInfo.InvariantCulture) ?? "",
                r.FailureModelVersion?.ToString(CultureInfo.InvariantCulture) ?? ""));
        }
    }

    private static string Escape(string? value)
    {
        value ??= "";
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
