using Microsoft.Extensions.Options;
using SmeAi.Abstractions.Outputs;

namespace SmeAi.Grains.Alerts;

public sealed class AlertOptionsValidator : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var domain in AlertDomains.All)
        {
            Check(failures, $"{AlertOptions.SectionName}:{char.ToUpperInvariant(domain[0])}{domain[1..]}", options.For(domain));
        }

        if (!(options.ChurnMediumBandAt is > 0 and < 1) || !(options.ChurnHighBandAt > options.ChurnMediumBandAt && options.ChurnHighBandAt < 1))
        {
            failures.Add($"{AlertOptions.SectionName}:ChurnMediumBandAt and ChurnHighBandAt must satisfy 0 < medium < high < 1.");
        }

        if (options.ChurnUpdateInterval <= TimeSpan.Zero)
        {
            failures.Add($"{AlertOptions.SectionName}:ChurnUpdateInterval must be positive.");
        }

        if (options.BaselineWarmup is < 2 or > 100_000)
        {
            failures.Add($"{AlertOptions.SectionName}:BaselineWarmup must be between 2 and 100000 (was {options.BaselineWarmup}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string section, DomainAlertOptions options)
    {
        if (!(options.RaiseThreshold is > 0 and <= 1))
        {
            failures.Add($"{section}:RaiseThreshold must be in (0, 1] (was {options.RaiseThreshold}).");
        }

        if (!(options.ClearThreshold >= 0 && options.ClearThreshold < options.RaiseThreshold))
        {
            failures.Add($"{section}:ClearThreshold must be at least 0 and below RaiseThreshold (was {options.ClearThreshold}).");
        }

        if (options.ConsecutiveScores is < 1 or > 1000)
        {
            failures.Add($"{section}:ConsecutiveScores must be between 1 and 1000 (was {options.ConsecutiveScores}).");
        }

        if (options.Cooldown < TimeSpan.Zero)
        {
            failures.Add($"{section}:Cooldown must not be negative (was {options.Cooldown}).");
        }

        if (!(options.ModelAloneCap is > 0 and <= 1))
        {
            failures.Add($"{section}:ModelAloneCap must be in (0, 1] (was {options.ModelAloneCap}).");
        }

        if (!(options.HighSeverityAt <= options.CriticalSeverityAt))
        {
            failures.Add($"{section}:HighSeverityAt must not exceed CriticalSeverityAt.");
        }
    }
}
