using Microsoft.Extensions.Options;
using SmeAi.Simulator.Customers;
using SmeAi.Simulator.Factory;
using SmeAi.Simulator.Security;

namespace SmeAi.Simulator;

/// <summary>Validates a combined simulation: each enabled domain, and that at least one is enabled.</summary>
public sealed class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Factory is null || options.Customers is null || options.Security is null)
        {
            return ValidateOptionsResult.Fail("Simulator:Factory, Simulator:Customers and Simulator:Security must not be null.");
        }

        var failures = new List<string>();
        if (!options.Factory.Enabled && !options.Customers.Enabled && !options.Security.Enabled)
        {
            failures.Add("Simulator: at least one of Factory, Customers and Security must be enabled.");
        }

        Collect(failures, options.Factory.Enabled, new FactorySimulatorOptionsValidator().Validate(name, options.Factory));
        Collect(failures, options.Customers.Enabled, new CustomerSimulatorOptionsValidator().Validate(name, options.Customers));
        Collect(failures, options.Security.Enabled, new SecuritySimulatorOptionsValidator().Validate(name, options.Security));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Collect(List<string> failures, bool enabled, ValidateOptionsResult result)
    {
        if (enabled && result.Failed)
        {
            failures.AddRange(result.Failures);
        }
    }
}
