using Microsoft.Extensions.Options;

namespace SmeAi.Grains.Entities;

public sealed class EntityGrainOptionsValidator : IValidateOptions<EntityGrainOptions>
{
    /// <summary>
    /// The longest write-behind interval: the Kafka provider keeps delivered events in its queue cache for twice the
    /// interval (so a lost silo's unwritten events can be replayed), and a longer window fills the cache and pauses the partition.
    /// </summary>
    public static readonly TimeSpan MaxFlushInterval = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, EntityGrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.FlushEveryEvents < 1)
        {
            failures.Add($"{EntityGrainOptions.SectionName}:FlushEveryEvents must be at least 1 (was {options.FlushEveryEvents}).");
        }

        if (options.FlushInterval <= TimeSpan.Zero || options.FlushInterval > MaxFlushInterval)
        {
            failures.Add($"{EntityGrainOptions.SectionName}:FlushInterval must be positive and at most {MaxFlushInterval} (was {options.FlushInterval}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
