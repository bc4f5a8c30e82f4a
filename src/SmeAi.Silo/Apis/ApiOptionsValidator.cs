using Microsoft.Extensions.Options;

namespace SmeAi.Silo.Apis;

internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    /// <summary>Below the 30 s most HTTP clients (and <c>smeai</c>) wait.</summary>
    public static readonly TimeSpan MaxRetrainWait = TimeSpan.FromSeconds(25);

    public const int MaxAlertStreamsLimit = 10_000;

    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.RetrainWait < TimeSpan.Zero || options.RetrainWait > MaxRetrainWait)
        {
            failures.Add($"{ApiOptions.SectionName}:RetrainWait must be between 00:00:00 and {MaxRetrainWait:c} (was {options.RetrainWait:c}).");
        }

        if (options.MaxAlertStreams is < 1 or > MaxAlertStreamsLimit)
        {
            failures.Add($"{ApiOptions.SectionName}:MaxAlertStreams must be between 1 and {MaxAlertStreamsLimit} (was {options.MaxAlertStreams}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
