using SmeAi.Silo.Configuration;
using SmeAi.Silo.Hosting;

namespace SmeAi.Silo.Security;

internal static class ApiKeySetup
{
    /// <summary>Short keys are guessable; operators get told at start rather than finding out later.</summary>
    public const int MinimumKeyLength = 16;

    public static ApiKeyAuthority CreateAuthority(IConfiguration configuration, PlatformMode mode)
    {
        var options = configuration.GetSection(ApiKeyOptions.SectionName).Get<ApiKeyOptions>() ?? new ApiKeyOptions();
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            return options.ApiKey.Length >= MinimumKeyLength
                ? ApiKeyAuthority.Configured(options.ApiKey)
                : throw new SiloStartupException($"Security:ApiKey must be at least {MinimumKeyLength} characters long.");
        }

        return mode == PlatformMode.Embedded ? ApiKeyAuthority.Generate() : ApiKeyAuthority.None();
    }
}
