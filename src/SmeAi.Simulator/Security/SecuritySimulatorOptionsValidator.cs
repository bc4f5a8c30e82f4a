using Microsoft.Extensions.Options;
using SmeAi.Simulator.Internal;

namespace SmeAi.Simulator.Security;

/// <summary>Rejects security settings that could not produce valid events, naming the setting.</summary>
public sealed class SecuritySimulatorOptionsValidator : IValidateOptions<SecuritySimulatorOptions>
{
    private const string Section = "Simulator:Security";

    // Attacks need room to play out between the end of the warm-up and the end of the run.
    private static readonly TimeSpan _attackRoom = TimeSpan.FromHours(3);

    public ValidateOptionsResult Validate(string? name, SecuritySimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        OptionChecks.Span(failures, Section, options.Start, options.Duration);
        OptionChecks.Count(failures, $"{Section}:SubjectCount", options.SubjectCount, 1, 1_000_000);
        OptionChecks.IdPrefix(failures, $"{Section}:IdPrefix", options.IdPrefix);
        OptionChecks.Rate(failures, $"{Section}:AttacksPerDay", options.AttacksPerDay, 10_000);
        OptionChecks.Period(failures, $"{Section}:WarmUp", options.WarmUp);

        // Summed only when the warm-up passed, as a sum near TimeSpan.MaxValue overflows.
        if (options.AttacksPerDay > 0 && OptionChecks.IsPeriod(options.WarmUp) && options.WarmUp + _attackRoom >= options.Duration)
        {
            failures.Add($"{Section}:WarmUp must end at least {_attackRoom.TotalHours} hours before the run does (was {options.WarmUp}).");
        }

        foreach (var type in options.AttackTypes)
        {
            if (!Enum.IsDefined(type))
            {
                failures.Add($"{Section}:AttackTypes '{type}' is unknown; known types are {string.Join(", ", Enum.GetNames<AttackType>())}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
