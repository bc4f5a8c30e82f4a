using Microsoft.Extensions.Options;

namespace SmeAi.Silo.Outputs;

internal sealed class OutputOptionsValidator : IValidateOptions<OutputOptions>
{
    public ValidateOptionsResult Validate(string? name, OutputOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.QueueCapacity is < 100 or > 1_000_000)
        {
            failures.Add($"{OutputOptions.SectionName}:QueueCapacity must be between 100 and 1000000 (was {options.QueueCapacity}).");
        }

        if (options.ProducerLingerMs is < 0 or > 1_000)
        {
            failures.Add($"{OutputOptions.SectionName}:ProducerLingerMs must be between 0 and 1000 (was {options.ProducerLingerMs}).");
        }

        if (options.AlertRetention < TimeSpan.FromHours(1))
        {
            failures.Add($"{OutputOptions.SectionName}:AlertRetention must be at least 01:00:00 (was {options.AlertRetention}).");
        }

        if (options.RetentionSweepInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{OutputOptions.SectionName}:RetentionSweepInterval must be at least 00:00:01 (was {options.RetentionSweepInterval}).");
        }

        if (options.MemoryStoreCapacity is < 1 or > 1_000_000)
        {
            failures.Add($"{OutputOptions.SectionName}:MemoryStoreCapacity must be between 1 and 1000000 (was {options.MemoryStoreCapacity}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
