using SmeAi.Abstractions.Events;

namespace SmeAi.Cli.Replay;

/// <summary>
/// A replay file turned into contract events in event-time order (rows with equal times keep file order), with the
/// rows that could not be mapped.
/// </summary>
internal sealed record ReplayPlan(ColumnMapping Mapping, IReadOnlyList<IEntityEvent> Events, IReadOnlyList<RowProblem> Problems, int RowCount)
{
    /// <summary>How many problems are shown line by line; the rest are only counted.</summary>
    public const int ProblemsShown = 5;

    public static ReplayPlan Create(SourceTable table, ReplaySettings settings)
    {
        ArgumentNullException.ThrowIfNull(table);
        var mapping = ColumnMapping.Resolve(table, settings);
        var events = new List<IEntityEvent>(table.Rows.Count);
        var problems = new List<RowProblem>(table.Problems);
        foreach (var row in table.Rows)
        {
            if (mapping.Map(row, out var reason) is { } mapped)
            {
                events.Add(mapped);
            }
            else
            {
                problems.Add(new RowProblem(row.Line, reason!));
            }
        }

        problems.Sort((a, b) => a.Line.CompareTo(b.Line));
        return new ReplayPlan(mapping, [.. events.OrderBy(e => e.Ts)], problems, table.RowCount);
    }

    /// <summary>The lines reporting skipped rows: a count, then the first few with their line numbers.</summary>
    public IEnumerable<string> DescribeProblems(string fileName)
    {
        if (Problems.Count == 0)
        {
            yield break;
        }

        yield return $"warning: {Problems.Count} of {RowCount} rows skipped:";
        foreach (var problem in Problems.Take(ProblemsShown))
        {
            yield return $"  {fileName} line {problem.Line}: {problem.Reason}";
        }

        if (Problems.Count > ProblemsShown)
        {
            yield return $"  ... and {Problems.Count - ProblemsShown} more";
        }
    }
}
