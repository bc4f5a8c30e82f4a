using SmeAi.Abstractions.Events;

namespace SmeAi.Grains.Entities;

/// <summary>
/// The security anomaly model's features for one event against the subject's own habits: failure
/// bursts (brute force), a new country or device, a change to an unfamiliar country within minutes (impossible travel),
/// transfer volume against the subject's usual (exfiltration), privilege changes and the hour of day.
/// </summary>
public static class RiskFeatures
{
    public const int MaxRemembered = 32;

    /// <summary>
    /// Most failures kept for <c>failures_15m</c>, which saturates there: a credential-stuffing flood would otherwise keep
    /// every failure of the window in the state (hundreds of thousands), and rewrite them all at every state write.
    /// </summary>
    public const int MaxRecentFailures = 1_000;
    public static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(15);

    public static readonly IReadOnlyList<string> Names =
    [
        "auth_failure", "failures_15m", "new_country", "new_device", "country_change_fast", "log_bytes",
        "bytes_vs_usual", "privilege_change", "hour_sin", "hour_cos",
    ];

    /// <summary>Computes the row for <paramref name="item"/> against the state before it, then learns from the event.</summary>
    public static float[] RowThenLearn(RiskState state, SecurityEvent item)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(item);
        var failure = item.Type == "auth_failure";
        state.RecentFailures.RemoveAll(ts => ts <= item.Ts - FailureWindow);
        var newCountry = item.Country is { } country && state.Countries.Count > 0 && !state.Countries.Contains(country);
        var newDevice = item.Device is { } device && state.Devices.Count > 0 && !state.Devices.Contains(device);
        // Only a jump to a country the subject was never seen in: coming back to a known country (home after travel,
        // or the user's own next login after an attacker's) is the return leg, not a second impossible trip.
        var fastCountryChange = newCountry && state.LastCountry is not null && item.Country != state.LastCountry
            && state.PreviousEventTs is { } lastTs && (item.Ts - lastTs).Duration() < TimeSpan.FromHours(2);
        var logBytes = Math.Log(1 + Math.Max(0, item.Bytes ?? 0));
        var usual = state.Transfers == 0 ? logBytes : state.MeanLogBytes;
        var hour = item.Ts.UtcDateTime.TimeOfDay.TotalHours / 24 * 2 * Math.PI;
        float[] row =
        [
            failure ? 1 : 0,
            state.RecentFailures.Count,
            newCountry ? 1 : 0,
            newDevice ? 1 : 0,
            fastCountryChange ? 1 : 0,
            (float)logBytes,
            (float)(logBytes - usual),
            item.Type == "privilege_change" ? 1 : 0,
            (float)Math.Sin(hour),
            (float)Math.Cos(hour),
        ];

        Learn(state, item, failure, logBytes);
        return row;
    }

    private static void Learn(RiskState state, SecurityEvent item, bool failure, double logBytes)
    {
        if (failure)
        {
            if (state.RecentFailures.Count >= MaxRecentFailures)
            {
                state.RecentFailures.RemoveAt(0);
            }

            state.RecentFailures.Add(item.Ts);
        }
        else
        {
            Remember(state.Countries, item.Country);
            Remember(state.Devices, item.Device);
        }

        if (item.Bytes is > 0)
        {
            state.Transfers++;
            state.MeanLogBytes = state.Transfers == 1 ? logBytes : (0.95 * state.MeanLogBytes) + (0.05 * logBytes);
        }

        state.LastCountry = item.Country ?? state.LastCountry;
        state.PreviousEventTs = item.Ts;
    }

    private static void Remember(List<string> known, string? value)
    {
        if (value is null || known.Contains(value))
        {
            return;
        }

        if (known.Count >= MaxRemembered)
        {
            known.RemoveAt(0);
        }

        known.Add(value);
    }
}
