namespace SmeAi.Simulator.Security;

/// <summary>The attack scenarios of the security simulator.</summary>
public enum AttackType
{
    /// <summary>Many <c>auth_failure</c> on one subject from one foreign IP within minutes, sometimes ending in <c>auth_success</c>.</summary>
    BruteForce,

    /// <summary>A few <c>auth_failure</c> on each of many subjects from one IP; sometimes one succeeds.</summary>
    CredentialStuffing,

    /// <summary>A login from the subject's usual place, then minutes later one from a far country, followed by activity there.</summary>
    ImpossibleTravel,

    /// <summary>A burst of <c>data_transfer</c> events, each tens to hundreds of times the subject's usual volume.</summary>
    Exfiltration,

    /// <summary>A login from a never-seen device, a <c>privilege_change</c> minutes later, then larger transfers.</summary>
    NewDevicePrivilegeChange,
}

/// <summary>One subject's exposure to one attack: every event the attack produced for the subject lies in [<see cref="Start"/>, <see cref="End"/>].</summary>
/// <param name="Id">The attack, e.g. <c>attack-7</c>; shared by every subject of a credential stuffing campaign; the <see cref="SimulatedEvent.TruthId"/> of its events.</param>
/// <param name="SubjectId">The attacked subject.</param>
/// <param name="Type">The scenario.</param>
/// <param name="Start">Time of the attack's first event for this subject.</param>
/// <param name="End">Time of the attack's last event for this subject.</param>
/// <param name="SourceIp">The attacker's IP, or the subject's own for exfiltration.</param>
/// <param name="SourceCountry">The country the attack comes from.</param>
public sealed record AttackWindow(
    string Id, string SubjectId, AttackType Type, DateTimeOffset Start, DateTimeOffset End, string SourceIp, string SourceCountry)
{
    /// <summary>Whether <paramref name="time"/> is in the window (both ends included).</summary>
    public bool Contains(DateTimeOffset time) => time >= Start && time <= End;
}

/// <summary>What the security simulator planned for one subject's normal behaviour.</summary>
public sealed record SubjectTruth(
    string SubjectId,
    string HomeCountry,
    string? TravelCountry,
    IReadOnlyList<string> Devices,
    IReadOnlyList<string> Resources,
    bool IsAdmin);
