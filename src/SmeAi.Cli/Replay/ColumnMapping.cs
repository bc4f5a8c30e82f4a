using System.Globalization;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Events.Validation;
using SmeAi.Cli.Terminal;

namespace SmeAi.Cli.Replay;

/// <summary>
/// The columns of one replay file resolved against an input contract: which column is the event time, which the
/// entity (or one fixed id), which the type, and which carry values (sensors, features, or customer attributes).
/// </summary>
internal sealed class ColumnMapping
{
    private static readonly string[] _timestampNames = ["ts", "timestamp", "time", "datetime", "date", "event_time", "eventTime"];
    private static readonly string[] _securityFields = ["ip", "country", "device", "resource", "bytes"];
    private const string CustomerAmount = "amount";

    private readonly ReplaySettings _settings;
    private readonly string _file;

    private ColumnMapping(ReplaySettings settings, string file)
    {
        _settings = settings;
        _file = file;
    }

    public string Topic => _settings.Topic;

    public required string TimestampColumn { get; init; }

    public string? EntityColumn { get; init; }

    public string? TypeColumn { get; init; }

    /// <summary>Columns read into sensors (machine telemetry), features (security) or attributes (customers).</summary>
    public required IReadOnlyList<string> ValueColumns { get; init; }

    /// <summary>Columns with non-numeric cells that were therefore left out (only when the value columns were detected).</summary>
    public required IReadOnlyList<string> IgnoredColumns { get; init; }

    /// <summary>Resolves the mapping, or says which column is missing.</summary>
    /// <exception cref="CliException">A named column does not exist, or no timestamp / entity / type column can be found.</exception>
    public static ColumnMapping Resolve(SourceTable table, ReplaySettings settings)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(settings);
        var file = table.FileName;
        var columns = table.Columns;
        var ts = settings.TimestampColumn is { } givenTs
            ? Require(file, columns, givenTs)
            : Find(columns, _timestampNames) ?? throw new CliException(
                $"{file}: no timestamp column (looked for {string.Join(", ", _timestampNames)}); name it with --ts-column");

        string? entity = null;
        if (settings.FixedEntity is null)
        {
            var entityNames = EntityNames(settings.Topic);
            entity = settings.EntityColumn is { } givenEntity
                ? Require(file, columns, givenEntity)
                : Find(columns, entityNames) ?? throw new CliException(
                    $"{file}: no entity id column (looked for {string.Join(", ", entityNames)}); name it with --entity-column, or give one id for all rows with --entity");
        }

        string? type = null;
        if (settings.FixedType is null)
        {
            var typeName = settings.Topic == TopicNames.MachineTelemetry ? "kind" : "type";
            type = settings.TypeColumn is { } givenType ? Require(file, columns, givenType) : Find(columns, [typeName]);
            if (type is null && settings.Topic != TopicNames.MachineTelemetry)
            {
                throw new CliException($"{file}: {settings.Topic} events need a type: add a 'type' column, name one with --type-column, or give one with --type");
            }
        }

        var reserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ts };
        reserved.UnionWith(new[] { entity, type }.OfType<string>());
        reserved.UnionWith(settings.Topic switch
        {
            TopicNames.CustomerEvents => [CustomerAmount],
            TopicNames.SecurityEvents => _securityFields,
            _ => [],
        });

        List<string> values;
        List<string> ignored = [];
        if (settings.ValueColumns is { } given)
        {
            values = [.. given.Select(name => Require(file, columns, name))];
        }
        else
        {
            var candidates = columns.Where(c => !reserved.Contains(c)).ToList();
            // Customer attributes are strings, so every other column is one; sensors and features must be numbers.
            values = settings.Topic == TopicNames.CustomerEvents ? candidates : [.. candidates.Where(c => IsNumeric(table, c))];
            ignored = [.. candidates.Except(values, StringComparer.OrdinalIgnoreCase)];
        }

        return new ColumnMapping(settings, file) { TimestampColumn = ts, EntityColumn = entity, TypeColumn = type, ValueColumns = values, IgnoredColumns = ignored };
    }

    /// <summary>One line describing the mapping, for stderr.</summary>
    public string Describe()
    {
        var entity = EntityColumn is null ? $"'{_settings.FixedEntity}' (fixed)" : $"column '{EntityColumn}'";
        var type = TypeColumn is not null ? $", type from '{TypeColumn}'" : _settings.FixedType is { } fixedType ? $", type '{fixedType}'" : "";
        var values = ValueNoun(_settings.Topic);
        var ignored = IgnoredColumns.Count > 0 ? $"; ignored non-numeric: {string.Join(", ", IgnoredColumns)}" : "";
        return $"{_file} -> {_settings.Topic}: time from '{TimestampColumn}', entity {entity}{type}, {values} {string.Join(", ", ValueColumns)}{ignored}";
    }

    /// <summary>The row as a valid event of the topic's contract, or null and the reason.</summary>
    public IEntityEvent? Map(SourceRow row, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(row);
        reason = null;
        var tsCell = Cell(row, TimestampColumn);
        if (CellValues.IsMissing(tsCell))
        {
            reason = $"column '{TimestampColumn}' is empty";
            return null;
        }

        if (!CellValues.TryTimestamp(tsCell!, _settings.TimestampFormat, out var ts))
        {
            reason = $"column '{TimestampColumn}' is not a timestamp ('{Shorten(tsCell!)}')";
            return null;
        }

        var entity = _settings.FixedEntity ?? Cell(row, EntityColumn!)?.Trim();
        if (string.IsNullOrEmpty(entity))
        {
            reason = $"column '{EntityColumn}' is empty";
            return null;
        }

        var type = _settings.FixedType ?? (TypeColumn is null ? null : Cell(row, TypeColumn)?.Trim());
        IEntityEvent? mapped = _settings.Topic switch
        {
            TopicNames.CustomerEvents => Customer(row, entity, ts, type, out reason),
            TopicNames.SecurityEvents => Security(row, entity, ts, type, out reason),
            _ => Machine(row, entity, ts, type, out reason),
        };
        if (mapped is null)
        {
            return null;
        }

        reason = EventValidator.Validate(mapped);
        return reason is null ? mapped : null;
    }

    private MachineTelemetry? Machine(SourceRow row, string entity, DateTimeOffset ts, string? kind, out string? reason)
    {
        kind = string.IsNullOrEmpty(kind) ? MachineTelemetry.KindTelemetry : kind;

        // Only a reading needs a sensor value: a failure or maintenance event may carry none, and the contract's
        // validator judges every kind (an unknown one too) after the mapping.
        var sensors = Numbers(row, out reason, requireOne: kind == MachineTelemetry.KindTelemetry);
        return sensors is null ? null : new MachineTelemetry(entity, ts, kind, sensors);
    }

    private CustomerEvent? Customer(SourceRow row, string entity, DateTimeOffset ts, string? type, out string? reason)
    {
        reason = null;
        double? amount = null;
        var amountCell = Cell(row, CustomerAmount);
        if (!CellValues.IsMissing(amountCell))
        {
            if (!CellValues.TryNumber(amountCell!, out var parsed))
            {
                reason = $"column '{CustomerAmount}' is not a number ('{Shorten(amountCell!)}')";
                return null;
            }

            amount = parsed;
        }

        var attributes = ValueColumns
            .Select(c => (Name: c, Value: Cell(row, c)))
            .Where(a => !CellValues.IsMissing(a.Value))
            .ToDictionary(a => a.Name, a => a.Value!.Trim(), StringComparer.Ordinal);
        return new CustomerEvent(entity, ts, type ?? "", amount, attributes.Count > 0 ? attributes : null);
    }

    private SecurityEvent? Security(SourceRow row, string entity, DateTimeOffset ts, string? type, out string? reason)
    {
        var features = Numbers(row, out reason, requireOne: false);
        if (reason is not null)
        {
            return null;
        }

        long? bytes = null;
        if (Cell(row, "bytes") is { } bytesCell && !CellValues.IsMissing(bytesCell))
        {
            if (!long.TryParse(bytesCell.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
            {
                reason = $"column 'bytes' is not a whole number ('{Shorten(bytesCell)}')";
                return null;
            }

            bytes = parsed;
        }

        return new SecurityEvent(
            entity, ts, type ?? "", Text(row, "ip"), Text(row, "country"), Text(row, "device"), bytes, Text(row, "resource"),
            features is { Count: > 0 } ? features : null);
    }

    /// <summary>The value columns as numbers; missing cells are left out, a non-numeric cell rejects the row.</summary>
    private Dictionary<string, double>? Numbers(SourceRow row, out string? reason, bool requireOne = true)
    {
        reason = null;
        var numbers = new Dictionary<string, double>(ValueColumns.Count, StringComparer.Ordinal);
        foreach (var column in ValueColumns)
        {
            var cell = Cell(row, column);
            if (CellValues.IsMissing(cell))
            {
                continue;
            }

            if (!CellValues.TryNumber(cell!, out var value))
            {
                reason = $"column '{column}' is not a number ('{Shorten(cell!)}')";
                return null;
            }

            numbers[column] = value;
        }

        if (requireOne && numbers.Count == 0 && ValueColumns.Count > 0)
        {
            reason = $"has no value in any of {string.Join(", ", ValueColumns)}";
            return null;
        }

        return numbers;
    }

    private static string? Text(SourceRow row, string column) =>
        Cell(row, column) is { } cell && !CellValues.IsMissing(cell) ? cell.Trim() : null;

    private static string? Cell(SourceRow row, string column) => row.Cells.GetValueOrDefault(column);

    private static bool IsNumeric(SourceTable table, string column)
    {
        var any = false;
        foreach (var row in table.Rows)
        {
            var cell = Cell(row, column);
            if (CellValues.IsMissing(cell))
            {
                continue;
            }

            if (!CellValues.TryNumber(cell!, out _))
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    private static string Require(string file, IReadOnlyList<string> columns, string name) =>
        columns.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new CliException($"{file}: no column '{name}' (columns: {string.Join(", ", columns)})");

    private static string? Find(IReadOnlyList<string> columns, IEnumerable<string> names) =>
        names.Select(name => columns.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(c => c is not null);

    private static string[] EntityNames(string topic) => topic switch
    {
        TopicNames.CustomerEvents => ["customerId", "customer_id", "customer", "entity", "entityId", "entity_id", "id"],
        TopicNames.SecurityEvents => ["subjectId", "subject_id", "subject", "user", "entity", "entityId", "entity_id", "id"],
        _ => ["machineId", "machine_id", "machine", "unit", "entity", "entityId", "entity_id", "id"],
    };

    private static string ValueNoun(string topic) => topic switch
    {
        TopicNames.CustomerEvents => "attributes",
        TopicNames.SecurityEvents => "features",
        _ => "sensors",
    };

    private static string Shorten(string cell) => cell.Length <= 40 ? cell : cell[..40] + "...";
}
