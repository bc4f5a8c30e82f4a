using Microsoft.Extensions.Options;
using SmeAi.Simulator.Internal;

namespace SmeAi.Simulator.Factory;

/// <summary>Rejects factory settings that could not produce valid events, naming the setting.</summary>
public sealed class FactorySimulatorOptionsValidator : IValidateOptions<FactorySimulatorOptions>
{
    private const string Section = "Simulator:Factory";

    // Maintenances are planned up front, at whole milliseconds: an interval of a few ticks never advances (planning
    // never ends), and one of milliseconds plans hundreds of millions. One an hour matches the most failures allowed.
    private static readonly TimeSpan _minMaintenanceInterval = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, FactorySimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        OptionChecks.Span(failures, Section, options.Start, options.Duration);
        OptionChecks.Count(failures, $"{Section}:MachineCount", options.MachineCount, 1, 100_000);
        OptionChecks.IdPrefix(failures, $"{Section}:IdPrefix", options.IdPrefix);
        OptionChecks.Positive(failures, $"{Section}:TelemetryInterval", options.TelemetryInterval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        OptionChecks.Rate(failures, $"{Section}:DegradationsPerMachineDay", options.DegradationsPerMachineDay, 24);
        OptionChecks.Range(failures, Section, nameof(options.MinDegradation), options.MinDegradation, nameof(options.MaxDegradation), options.MaxDegradation);
        OptionChecks.Range(failures, Section, nameof(options.MinRepairTime), options.MinRepairTime, nameof(options.MaxRepairTime), options.MaxRepairTime);
        OptionChecks.Period(failures, $"{Section}:MinHealthyPeriod", options.MinHealthyPeriod);
        if (options.MaintenanceInterval > TimeSpan.Zero && options.MaintenanceInterval < _minMaintenanceInterval)
        {
            failures.Add(
                $"{Section}:MaintenanceInterval must be 0 (no routine maintenance) or at least {_minMaintenanceInterval} (was {options.MaintenanceInterval}).");
        }
        else
        {
            OptionChecks.Period(failures, $"{Section}:MaintenanceInterval", options.MaintenanceInterval, " (no routine maintenance)");
        }

        // Compared without doubling, which overflows for a duration near TimeSpan.MaxValue.
        if (options.MaintenanceInterval > TimeSpan.Zero
            && (options.MaintenanceDuration <= TimeSpan.Zero || options.MaintenanceDuration >= options.MaintenanceInterval - options.MaintenanceDuration))
        {
            failures.Add($"{Section}:MaintenanceDuration must be positive and under half of MaintenanceInterval (was {options.MaintenanceDuration}).");
        }

        foreach (var type in options.MachineTypes)
        {
            if (MachineTypes.Find(type) is null)
            {
                failures.Add($"{Section}:MachineTypes '{type}' is unknown; known types are {string.Join(", ", MachineTypes.All.Select(t => t.Name))}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
