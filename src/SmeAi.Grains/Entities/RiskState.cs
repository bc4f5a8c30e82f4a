namespace SmeAi.Grains.Entities;

/// <summary>A security subject's usual behaviour: where and from what it signs in, how much it moves, its recent failures.</summary>
[GenerateSerializer]
public sealed class RiskState : EntityStreamState
{
    /// <summary>Countries seen, at most <see cref="RiskFeatures.MaxRemembered"/>.</summary>
    [Id(0)]
    public List<string> Countries { get; set; } = [];

    /// <summary>Devices seen, at most <see cref="RiskFeatures.MaxRemembered"/>.</summary>
    [Id(1)]
    public List<string> Devices { get; set; } = [];

    /// <summary>Event times of recent authentication failures (the last <see cref="RiskFeatures.FailureWindow"/>).</summary>
    [Id(2)]
    public List<DateTimeOffset> RecentFailures { get; set; } = [];

    /// <summary>Exponentially weighted mean of log(1 + bytes) of data transfers.</summary>
    [Id(3)]
    public double MeanLogBytes { get; set; }

    [Id(4)]
    public long Transfers { get; set; }

    [Id(5)]
    public string? LastCountry { get; set; }

    [Id(6)]
    public DateTimeOffset? PreviousEventTs { get; set; }

    /// <summary>Event times of recent transfers far above the usual volume (the last <see cref="SecurityRules.VolumeWindow"/>).</summary>
    [Id(7)]
    public List<DateTimeOffset> LargeTransfers { get; set; } = [];

    /// <summary>When a device never seen before last appeared.</summary>
    [Id(8)]
    public DateTimeOffset? LastNewDeviceTs { get; set; }

    /// <summary>That device.</summary>
    [Id(9)]
    public string? LastNewDevice { get; set; }
}
