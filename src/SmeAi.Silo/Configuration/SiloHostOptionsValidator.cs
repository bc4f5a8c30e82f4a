using Microsoft.Extensions.Options;

namespace SmeAi.Silo.Configuration;

/// <summary>Rejects silo settings that would only fail later, with the setting's name in the message.</summary>
internal sealed class SiloHostOptionsValidator : IValidateOptions<SiloHostOptions>
{
    // Below 50 ms the checks would cost more than the fraction of a second they could save.
    private static readonly TimeSpan MinCrashCheckInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxCrashCheckInterval = TimeSpan.FromMinutes(1);

    public ValidateOptionsResult Validate(string? name, SiloHostOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add("Silo:ClusterId must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add("Silo:ServiceId must not be empty.");
        }

        if (Uri.CheckHostName(options.AdvertisedAddress) == UriHostNameType.Unknown)
        {
            failures.Add($"Silo:AdvertisedAddress '{options.AdvertisedAddress}' is neither an IP address nor a host name.");
        }

        AddPortFailure(failures, "Silo:SiloPort", options.SiloPort);
        AddPortFailure(failures, "Silo:GatewayPort", options.GatewayPort);
        if (options.SiloPort == options.GatewayPort)
        {
            failures.Add("Silo:SiloPort and Silo:GatewayPort must differ.");
        }

        if (options.CrashCheckInterval != TimeSpan.Zero && (options.CrashCheckInterval < MinCrashCheckInterval || options.CrashCheckInterval > MaxCrashCheckInterval))
        {
            failures.Add($"Silo:CrashCheckInterval must be 0 (off) or between {MinCrashCheckInterval.TotalMilliseconds} ms and {MaxCrashCheckInterval.TotalSeconds} s (was {options.CrashCheckInterval}).");
        }

        if (!Uri.TryCreate(options.HttpUrl, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add($"Silo:HttpUrl '{options.HttpUrl}' is not an http(s) URL.");
        }
        else if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            // Kestrel binds a scheme, host and port; it refuses anything more with a stack trace.
            failures.Add($"Silo:HttpUrl '{options.HttpUrl}' must be scheme, host and port only (like http://127.0.0.1:5080), without a path.");
        }

        return failures.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(failures);
    }

    private static void AddPortFailure(List<string> failures, string setting, int port)
    {
        if (port is < 1 or > 65535)
        {
            failures.Add($"{setting} must be between 1 and 65535 (was {port}).");
        }
    }
}
