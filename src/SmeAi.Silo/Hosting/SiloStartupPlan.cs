using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Npgsql;
using SmeAi.Silo.Configuration;
using SmeAi.Silo.Postgres;

namespace SmeAi.Silo.Hosting;

/// <summary>
/// What the configuration asks for, checked before the host is built so that a bad setting ends
/// the process with one line naming it.
/// </summary>
public sealed record SiloStartupPlan(
    PlatformMode Mode,
    SiloHostOptions Silo,
    IPAddress AdvertisedIp,
    NpgsqlConnectionStringBuilder? Postgres,
    string ConfigDirectory)
{
    public string SqlDirectory => Path.Combine(ConfigDirectory, "sql");

    public static SiloStartupPlan FromConfiguration(IConfiguration configuration, string configDirectory)
    {
        var silo = new SiloHostOptions();
        try
        {
            configuration.GetSection(SiloHostOptions.SectionName).Bind(silo);
        }
        catch (InvalidOperationException ex)
        {
            throw new SiloStartupException($"{SiloHostOptions.SectionName}: {ex.Message}", ex);
        }

        var validation = new SiloHostOptionsValidator().Validate(null, silo);
        if (validation.Failed)
        {
            throw new SiloStartupException(string.Join(" ", validation.Failures));
        }

        if (silo.HttpUri.Scheme == Uri.UriSchemeHttps && !HasDefaultCertificate(configuration))
        {
            throw new SiloStartupException(
                $"Silo:HttpUrl '{silo.HttpUrl}' is https, but no certificate is configured: set {DefaultCertificateSection}:Path (and :Password), or use http behind a TLS proxy.");
        }

        var advertisedIp = ResolveAdvertisedAddress(silo.AdvertisedAddress);
        var connectionString = configuration.GetConnectionString("Postgres");
        return string.IsNullOrWhiteSpace(connectionString)
            ? new SiloStartupPlan(PlatformMode.Embedded, silo, advertisedIp, null, configDirectory)
            : new SiloStartupPlan(PlatformMode.Postgres, silo, advertisedIp, PostgresConnection.Parse(connectionString), configDirectory);
    }

    /// <summary>Kestrel's certificate for https endpoints that name none, such as <c>Silo:HttpUrl</c>.</summary>
    public const string DefaultCertificateSection = "Kestrel:Certificates:Default";

    private static bool HasDefaultCertificate(IConfiguration configuration)
    {
        var certificate = configuration.GetSection(DefaultCertificateSection);
        return !string.IsNullOrWhiteSpace(certificate["Path"]) || !string.IsNullOrWhiteSpace(certificate["Subject"]);
    }

    private static IPAddress ResolveAdvertisedAddress(string address)
    {
        if (IPAddress.TryParse(address, out var ip))
        {
            return ip;
        }

        try
        {
            return Dns.GetHostAddresses(address).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                ?? throw new SiloStartupException($"Silo:AdvertisedAddress: host name '{address}' has no IPv4 address.");
        }
        catch (SocketException ex)
        {
            throw new SiloStartupException($"Silo:AdvertisedAddress: cannot resolve host name '{address}': {ex.Message}", ex);
        }
    }

    /// <summary>Fails early, naming the setting, when a port this silo needs is taken.</summary>
    public void EnsurePortsFree()
    {
        var siloBind = Mode == PlatformMode.Embedded ? IPAddress.Loopback : AdvertisedIp;
        PortProbe.EnsureFree("Silo:SiloPort", siloBind, Silo.SiloPort);
        PortProbe.EnsureFree("Silo:GatewayPort", siloBind, Silo.GatewayPort);
        PortProbe.EnsureFree("Silo:HttpUrl", PortProbe.BindAddressOf(Silo.HttpUri), Silo.HttpUri.Port);
    }
}
