namespace SmeAi.Grains.Entities;

/// <summary>
/// Rule signals over a <see cref="RiskFeatures"/> row and the subject's recent history, beside the anomaly model:
/// brute force (a burst of failures), impossible travel (a country change within minutes), a volume spike (a sustained
/// run of transfers far above the subject's usual: a few large transfers are common, exfiltration is many), a failure from a
/// never-seen country and device (credential stuffing), a privilege change from a device that first appeared within the hour, and a
/// new device alone (noted, not alerting). An urgent rule raises an alert at once.
/// </summary>
public static class SecurityRules
{
    public const string BruteForce = "brute_force";
    public const string ImpossibleTravel = "impossible_travel";
    public const string VolumeSpike = "volume_spike";
    public const string UnfamiliarFailure = "unfamiliar_failure";
    public const string PrivilegeFromNewDevice = "privilege_change_new_device";
    public const string NewDevice = "new_device";

    /// <summary>Failures within <see cref="RiskFeatures.FailureWindow"/> that count as brute force.</summary>
    public const int BruteForceFailures = 5;

    /// <summary>A transfer at least e^4 (about 55) times the subject's usual volume is large.</summary>
    public const double LargeTransferLogRatio = 4.0;

    /// <summary>Large transfers within <see cref="VolumeWindow"/> that make a volume spike.</summary>
    public const int LargeTransfersForSpike = 8;

    public static readonly TimeSpan VolumeWindow = TimeSpan.FromHours(2);

    /// <summary>A privilege change this soon after a new device appeared is suspicious.</summary>
    public static readonly TimeSpan NewDeviceWindow = TimeSpan.FromHours(1);

    /// <summary>Transfers a subject must have made before its usual volume is trusted.</summary>
    public const long MinimumTransfersForVolume = 5;

    private const double UrgentScore = 0.999;
    private const double NoteScore = 0.5;

    /// <param name="state">The subject's state after <see cref="RiskFeatures.RowThenLearn"/>; the rules keep their own history in it.</param>
    /// <param name="ts">The event's time.</param>
    /// <param name="row">The row <see cref="RiskFeatures.RowThenLearn"/> computed for the event.</param>
    /// <param name="transfersBefore">The subject's transfers before this event.</param>
    /// <param name="device">The event's device, if any.</param>
    public static RuleSignals Evaluate(RiskState state, DateTimeOffset ts, string? device, ReadOnlySpan<float> row, long transfersBefore)
    {
        ArgumentNullException.ThrowIfNull(state);
        var failure = row[0] > 0;
        var newCountry = row[2] > 0;
        var newDevice = row[3] > 0;
        List<string>? fired = null;
        var urgent = false;
        void Fire(string rule, bool isUrgent)
        {
            (fired ??= []).Add(rule);
            urgent |= isUrgent;
        }

        if (failure && row[1] + 1 >= BruteForceFailures)
        {
            Fire(BruteForce, true);
        }

        if (row[4] > 0)
        {
            Fire(ImpossibleTravel, true);
        }

        state.LargeTransfers.RemoveAll(t => t <= ts - VolumeWindow);
        if (transfersBefore >= MinimumTransfersForVolume && row[6] >= LargeTransferLogRatio)
        {
            // The rule asks only whether the window holds this many, so the newest that many are all it needs to keep:
            // a flood of large transfers no longer grows the state (and its every write) with the flood.
            if (state.LargeTransfers.Count >= LargeTransfersForSpike)
            {
                state.LargeTransfers.RemoveAt(0);
            }

            state.LargeTransfers.Add(ts);
            if (state.LargeTransfers.Count >= LargeTransfersForSpike)
            {
                Fire(VolumeSpike, true);
            }
        }

        if (failure && newCountry && newDevice)
        {
            Fire(UnfamiliarFailure, true);
        }

        if (newDevice)
        {
            state.LastNewDeviceTs = ts;
            state.LastNewDevice = device;
        }

        if (row[7] > 0 && device is not null && device == state.LastNewDevice && state.LastNewDeviceTs is { } seen && ts - seen <= NewDeviceWindow)
        {
            Fire(PrivilegeFromNewDevice, true);
        }

        if (newDevice && !urgent)
        {
            Fire(NewDevice, false);
        }

        return fired is null ? RuleSignals.None : new RuleSignals(urgent ? UrgentScore : NoteScore, fired, urgent);
    }
}
