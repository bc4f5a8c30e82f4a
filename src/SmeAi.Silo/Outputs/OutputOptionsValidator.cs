using Microsoft.Extensions.Options;

namespace SmeAi.Silo.Outputs;

internal sealed class OutputOptionsValidator : IValidateOptions<OutputOptions>
{
    // The sweep runs on a PeriodicTimer, which refuses periods of 2^32 - 1 ms (49.7 days) or more.
    private static readonly TimeSpan MaxSweepInterval = TimeSpan.FromDays(49);

    // Retention is subtracted from the current time; beyond a few thousand years that leaves DateTimeOffset's range.
    private static readonly TimeSpan MaxAlertRetention = TimeSpan.FromDays(36_500);

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

        if (options.AlertRetention < TimeSpan.FromHours(1) || options.AlertRetention > MaxAlertRetention)
        {
            failures.Add($"{OutputOptions.SectionName}:AlertRetention must be between 01:00:00 and {MaxAlertRetention} (was {options.AlertRetention}).");
        }

        if (options.RetentionSweepInterval < TimeSpan.FromSeconds(1) || options.RetentionSweepInterval > MaxSweepInterval)
        {
            failures.Add($"{OutputOptions.SectionName}:RetentionSweepInterval must be between 00:00:01 and {MaxSweepInterval} (was {options.RetentionSweepInterval}).");
        }

        if (options.AlertStoreQueueCapacity is < 100 or > 1_000_000)
        {
            failures.Add($"{OutputOptions.SectionName}:AlertStoreQueueCapacity must be between 100 and 1000000 (was {options.AlertStoreQueueCapacity}).");
        }

        if (options.MemoryStoreCapacity is < 1 or > 1_000_000)
        {
            failures.Add($"{OutputOptions.SectionName}:MemoryStoreCapacity must be between 1 and 1000000 (was {options.MemoryStoreCapacity}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
