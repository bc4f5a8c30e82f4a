using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace SmeAi.Silo.Configuration;

/// <summary>
/// The silo's configuration sources, later ones winning: <c>silo-config/appsettings.json</c>,
/// <c>appsettings.{Environment}.json</c>, <c>SMEAI_</c> environment variables (not for an
/// <see cref="SiloConfigurationScope.Isolated"/> silo), the command line.
/// </summary>
public static class SiloConfigurationSources
{
    public const string EnvironmentPrefix = "SMEAI_";

    /// <summary>Overrides where the configuration folder is; by default it sits beside the binary.</summary>
    public const string ConfigDirectoryVariable = "SMEAI_CONFIG_DIR";

    public static string DefaultConfigDirectory =>
        Environment.GetEnvironmentVariable(ConfigDirectoryVariable) is { Length: > 0 } configured
            ? configured
            : BundledConfigDirectory;

    /// <summary>The <c>silo-config</c> folder the build copies beside the binary.</summary>
    public static string BundledConfigDirectory => Path.Combine(AppContext.BaseDirectory, "silo-config");

    /// <summary>Adds the silo's sources to those the host builder set up; returns the configuration folder it read.</summary>
    public static string AddSmeAiSources(this ConfigurationManager configuration, string environmentName, string[] args, SiloConfigurationScope scope)
    {
        if (scope == SiloConfigurationScope.Isolated)
        {
            // The host builder's own sources include every environment variable (and those prefixed DOTNET_ and ASPNETCORE_).
            foreach (var environment in configuration.Sources.OfType<EnvironmentVariablesConfigurationSource>().ToList())
            {
                configuration.Sources.Remove(environment);
            }
        }

        var configDirectory = configuration["ConfigDirectory"]
            ?? (scope == SiloConfigurationScope.Isolated ? BundledConfigDirectory : DefaultConfigDirectory);
        var settings = Path.Combine(configDirectory, "appsettings.json");
        if (!File.Exists(settings))
        {
            // Said in one line, naming what to change: the file provider's own exception would end the silo with a stack trace.
            throw new Hosting.SiloStartupException(
                $"ConfigDirectory: the configuration folder '{Path.GetFullPath(configDirectory)}' has no appsettings.json (set by --ConfigDirectory or {ConfigDirectoryVariable}; by default the silo-config folder beside the binary).");
        }

        configuration
            .AddJsonFile(settings, optional: false, reloadOnChange: false)
            .AddJsonFile(Path.Combine(configDirectory, $"appsettings.{environmentName}.json"), optional: true, reloadOnChange: false);
        if (scope == SiloConfigurationScope.Operator)
        {
            configuration.AddEnvironmentVariables(EnvironmentPrefix);
        }

        configuration.AddCommandLine(args);
        return configDirectory;
    }
}
