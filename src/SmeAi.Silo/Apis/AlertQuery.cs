using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;
using SmeAi.Abstractions.Outputs;

namespace SmeAi.Silo.Apis;

/// <summary>The query string of <c>/api/alerts</c> and <c>/api/alerts/stream</c>, checked into values or one clear reason.</summary>
internal sealed partial record AlertQuery(string? Domain, DateTimeOffset? Since, string? Status, int Limit)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>The values of <c>status</c>: a stored alert is open until its clear is stored.</summary>
    public static IReadOnlyList<string> Statuses { get; } = [Alert.StatusOpen, Alert.StatusCleared];

    /// <summary>Reads <c>domain</c>, <c>since</c>, <c>status</c> and <c>limit</c>; on failure <paramref name="error"/> says what to send instead.</summary>
    public static bool TryParse(IQueryCollection query, out AlertQuery parsed, out string? error)
    {
        parsed = new AlertQuery(null, null, null, DefaultLimit);
        if (!TrySingle(query, "domain", out var domain, out error)
            || !TrySingle(query, "since", out var since, out error)
            || !TrySingle(query, "status", out var status, out error)
            || !TrySingle(query, "limit", out var limit, out error))
        {
            return false;
        }

        if (domain is not null && !AlertDomains.IsKnown(domain))
        {
            error = $"domain must be one of {string.Join(", ", AlertDomains.All)}; got '{Shorten(domain)}'.";
            return false;
        }

        if (status is not null && !Statuses.Contains(status, StringComparer.Ordinal))
        {
            error = $"status must be one of {string.Join(", ", Statuses)}; got '{Shorten(status)}'.";
            return false;
        }

        DateTimeOffset? sinceValue = null;
        if (since is not null)
        {
            // A '+' offset arrives as a space when the client did not encode it as %2B.
            var text = since.Replace(' ', '+');
            if (!IsoDateTime().IsMatch(text)
                || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
            {
                error = $"since must be an ISO-8601 time such as 2026-12-04T10:00:00Z; got '{Shorten(since)}'.";
                return false;
            }

            sinceValue = value;
        }

        var limitValue = DefaultLimit;
        if (limit is not null
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out limitValue) || limitValue is < 1 or > MaxLimit))
        {
            error = $"limit must be a whole number from 1 to {MaxLimit}; got '{Shorten(limit)}'.";
            return false;
        }

        parsed = new AlertQuery(domain, sinceValue, status, limitValue);
        return true;
    }

    /// <summary>An absent or empty parameter is null; a repeated one is an error rather than a silent pick.</summary>
    private static bool TrySingle(IQueryCollection query, string name, out string? value, out string? error)
    {
        value = null;
        error = null;
        if (!query.TryGetValue(name, out StringValues values) || StringValues.IsNullOrEmpty(values))
        {
            return true;
        }

        if (values.Count > 1)
        {
            error = $"give {name} at most once.";
            return false;
        }

        value = values[0] is { Length: > 0 } text ? text.Trim() : null;
        return true;
    }

    private static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "…";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?)?(Z|[+-]\d{2}:?\d{2})?$", RegexOptions.IgnoreCase)]
    private static partial Regex IsoDateTime();
}
