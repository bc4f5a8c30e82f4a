using Microsoft.Extensions.Configuration;

namespace SmeAi.Silo.Configuration;

/// <summary>
/// The silo's configuration sources, later ones winning: <c>silo-config/appsettings.json</c>,
/// <c>appsettings.{Environment}.json</c>, <c>SMEAI_</c> environment variables, the command line.
/// </summary>
public static class SiloConfigurationSources
{
    public const string EnvironmentPrefix = "SMEAI_";

    /// <summary>Overrides where the configuration folder is; by default it sits beside the binary.</summary>
    public const string ConfigDirectoryVariable = "SMEAI_CONFIG_DIR";

    public static string DefaultConfigDirectory =>
        Environment.GetEnvironmentVariable(ConfigDirectoryVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "silo-config");

    public static IConfigurationBuilder AddSmeAiSources(
        this IConfigurationBuilder configuration, string configDirectory, string environmentName, string[] args)
    {
        var settings = Path.Combine(configDirectory, "appsettings.json");
        if (!File.Exists(settings))
        {
            // Said in one line, naming what to change: the file provider's own exception would end the silo with a stack trace.
            throw new Hosting.SiloStartupException(
                $"ConfigDirectory: the configuration folder '{Path.GetFullPath(configDirectory)}' has no appsettings.json (set by --ConfigDirectory or {ConfigDirectoryVariable}; by default the silo-config folder beside the binary).");
        }

        return configuration
            .AddJsonFile(settings, optional: false, reloadOnChange: false)
            .AddJsonFile(Path.Combine(configDirectory, $"appsettings.{environmentName}.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddCommandLine(args);
    }
}
