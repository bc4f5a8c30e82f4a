using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Npgsql;
using SmeAi.Silo.Configuration;
using SmeAi.Silo.Kafka;
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

        if (silo.HttpUri.Scheme == Uri.UriSchemeHttps)
        {
            RequireDefaultCertificate(configuration, silo.HttpUrl);
        }

        var advertisedIp = ResolveAdvertisedAddress(silo.AdvertisedAddress);
        var connectionString = configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return new SiloStartupPlan(PlatformMode.Embedded, silo, advertisedIp, null, configDirectory);
        }

        var postgres = PostgresConnection.Parse(connectionString);
        RequireExternalKafka(configuration);
        return new SiloStartupPlan(PlatformMode.Postgres, silo, advertisedIp, postgres, configDirectory);
    }

    /// <summary>
    /// Durable grain state remembers the last offset applied per partition. An embedded broker keeps its topics in memory
    /// and numbers them from 0 again at every start, so after a restart the grains would drop every event of an entity
    /// they already know as one applied before.
    /// </summary>
    private static void RequireExternalKafka(IConfiguration configuration)
    {
        if (KafkaEndpointServiceCollectionExtensions.ExternalBootstrapServers(configuration) is null)
        {
            throw new SiloStartupException(
                $"{KafkaEndpointServiceCollectionExtensions.BootstrapServersSetting} is required in PostgreSQL mode ({PostgresConnection.Setting} is set): the embedded broker starts its offsets at 0 again after a restart, below those the stored grain state has applied, so the events of every known entity would be dropped. Set it to your Kafka cluster, or leave {PostgresConnection.Setting} empty for embedded mode.");
        }
    }

    /// <summary>Kestrel's certificate for https endpoints that name none, such as <c>Silo:HttpUrl</c>.</summary>
    public const string DefaultCertificateSection = "Kestrel:Certificates:Default";

    private static void RequireDefaultCertificate(IConfiguration configuration, string httpUrl)
    {
        var certificate = configuration.GetSection(DefaultCertificateSection);
        if (string.IsNullOrWhiteSpace(certificate["Path"]) && string.IsNullOrWhiteSpace(certificate["Subject"]))
        {
            throw new SiloStartupException(
                $"Silo:HttpUrl '{httpUrl}' is https, but no certificate is configured: set {DefaultCertificateSection}:Path (and :Password), or use http behind a TLS proxy.");
        }

        // Kestrel would find a missing file only once Orleans and the broker run, and end the process with a stack trace.
        foreach (var file in new[] { "Path", "KeyPath" })
        {
            if (certificate[file] is { Length: > 0 } path && !File.Exists(Path.Combine(AppContext.BaseDirectory, path)))
            {
                throw new SiloStartupException(
                    $"{DefaultCertificateSection}:{file}: no file '{path}' (a relative path is taken from the silo's folder, {AppContext.BaseDirectory}).");
            }
        }
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
