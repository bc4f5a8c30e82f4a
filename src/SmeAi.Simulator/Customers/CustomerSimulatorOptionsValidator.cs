using Microsoft.Extensions.Options;
using SmeAi.Simulator.Internal;

namespace SmeAi.Simulator.Customers;

/// <summary>Rejects customer settings that could not produce valid events or a full decline, naming the setting.</summary>
public sealed class CustomerSimulatorOptionsValidator : IValidateOptions<CustomerSimulatorOptions>
{
    private const string Section = "Simulator:Customers";

    public ValidateOptionsResult Validate(string? name, CustomerSimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        OptionChecks.Span(failures, Section, options.Start, options.Duration);
        OptionChecks.Count(failures, $"{Section}:CustomerCount", options.CustomerCount, 1, 1_000_000);
        OptionChecks.IdPrefix(failures, $"{Section}:IdPrefix", options.IdPrefix);
        OptionChecks.Rate(failures, $"{Section}:ChurnRate", options.ChurnRate, 1);
        OptionChecks.Rate(failures, $"{Section}:DecliningAtStart", options.DecliningAtStart, 1);
        OptionChecks.Rate(failures, $"{Section}:LoginsPerWeek", options.LoginsPerWeek, 1000);
        OptionChecks.Range(failures, Section, nameof(options.MinDecline), options.MinDecline, nameof(options.MaxDecline), options.MaxDecline);
        OptionChecks.Period(failures, $"{Section}:MinHealthyPeriod", options.MinHealthyPeriod);

        // Summed only when both passed, as a sum near TimeSpan.MaxValue overflows.
        if ((options.ChurnRate > 0 || options.DecliningAtStart > 0)
            && OptionChecks.IsPeriod(options.MinHealthyPeriod)
            && OptionChecks.IsPeriod(options.MaxDecline)
            && options.Duration <= options.MinHealthyPeriod + options.MaxDecline)
        {
            failures.Add(
                $"{Section}:Duration must exceed MinHealthyPeriod + MaxDecline ({options.MinHealthyPeriod + options.MaxDecline}) so churners "
                + $"can decline and cancel within the run (was {options.Duration}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
