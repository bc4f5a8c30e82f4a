namespace SmeAi.Grains.Entities;

/// <summary>
/// Rule signals over a <see cref="RiskFeatures"/> row, beside the anomaly model: brute force (a burst of failures),
/// impossible travel (a country change within minutes), a volume spike (a transfer far above the subject's usual),
/// a failure from a never-seen country and device (credential stuffing), a privilege change from a new device, and a
/// new device alone (noted, not alerting). Each firing rule that is urgent raises an alert at once.
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

    /// <summary>A transfer at least e^3 (about 20) times the subject's usual volume is a spike.</summary>
    public const double VolumeSpikeLogRatio = 3.0;

    /// <summary>Transfers a subject must have made before its usual volume is trusted.</summary>
    public const long MinimumTransfersForVolume = 5;

    private const double UrgentScore = 0.999;
    private const double NoteScore = 0.5;

    /// <param name="row">The row as computed by <see cref="RiskFeatures.RowThenLearn"/>.</param>
    /// <param name="transfersBefore">The subject's transfers before this event.</param>
    public static RuleSignals Evaluate(ReadOnlySpan<float> row, long transfersBefore)
    {
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

        if (transfersBefore >= MinimumTransfersForVolume && row[6] >= VolumeSpikeLogRatio)
        {
            Fire(VolumeSpike, true);
        }

        if (failure && newCountry && newDevice)
        {
            Fire(UnfamiliarFailure, true);
        }

        if (row[7] > 0 && newDevice)
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
