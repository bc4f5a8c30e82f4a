using Microsoft.Extensions.Options;

namespace SmeAi.Silo.Simulation;

/// <summary>Rejects a demo feed that could not run, naming the setting.</summary>
public sealed class EmbeddedSimulatorOptionsValidator : IValidateOptions<EmbeddedSimulatorOptions>
{
    private const string Section = EmbeddedSimulatorOptions.SectionName;

    /// <summary>A longer history would take long to produce and process before the live feed starts.</summary>
    public static readonly TimeSpan MaxCustomerHistory = TimeSpan.FromDays(365);

    public ValidateOptionsResult Validate(string? name, EmbeddedSimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!double.IsFinite(options.EventsPerSecond) || options.EventsPerSecond < 0)
        {
            failures.Add($"{Section}:EventsPerSecond must be 0 (as fast as possible) or a positive number (was {options.EventsPerSecond}).");
        }

        if (options.CustomerHistory < TimeSpan.Zero || options.CustomerHistory > MaxCustomerHistory)
        {
            failures.Add($"{Section}:CustomerHistory must be between 0 and {MaxCustomerHistory.TotalDays} days (was {options.CustomerHistory}).");
        }

        if (!double.IsFinite(options.CustomersDecliningAtStart) || options.CustomersDecliningAtStart is < 0 or > 1)
        {
            failures.Add($"{Section}:CustomersDecliningAtStart must be between 0 and 1 (was {options.CustomersDecliningAtStart}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
