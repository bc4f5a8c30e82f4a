using Microsoft.Extensions.Options;

namespace SmeAi.Simulator.Kafka;

/// <summary>Rejects producer settings that would only fail later, naming the setting.</summary>
public sealed class SimulatorProducerOptionsValidator : IValidateOptions<SimulatorProducerOptions>
{
    private const string Section = SimulatorProducerOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, SimulatorProducerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            failures.Add($"{Section}:BootstrapServers is required (host:port[,host:port...]).");
        }

        if (!double.IsFinite(options.EventsPerSecond) || options.EventsPerSecond < 0)
        {
            failures.Add($"{Section}:EventsPerSecond must be 0 (as fast as possible) or a positive number (was {options.EventsPerSecond}).");
        }

        if (options.MaxEvents is <= 0)
        {
            failures.Add($"{Section}:MaxEvents must be positive when set (was {options.MaxEvents}).");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add($"{Section}:ClientId must not be empty.");
        }

        if (options.LingerMs is < 0 or > 10_000)
        {
            failures.Add($"{Section}:LingerMs must be between 0 and 10000 (was {options.LingerMs}).");
        }

        if (options.MessageTimeout < TimeSpan.FromSeconds(1) || options.MessageTimeout > TimeSpan.FromDays(1))
        {
            failures.Add($"{Section}:MessageTimeout must be between 1 second and 1 day (was {options.MessageTimeout}).");
        }

        if (options.CancelFlushTimeout < TimeSpan.Zero || options.CancelFlushTimeout > TimeSpan.FromDays(1))
        {
            failures.Add($"{Section}:CancelFlushTimeout must be between 0 and 1 day (was {options.CancelFlushTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
