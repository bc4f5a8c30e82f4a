namespace SmeAi.Silo.Configuration;

/// <summary>
/// Where this silo listens and which cluster it joins. Bound from the <c>Silo</c> section.
/// </summary>
public sealed class SiloHostOptions
{
    public const string SectionName = "Silo";

    /// <summary>Orleans cluster id; silos with the same id and database form one cluster. Default <c>smeai</c>.</summary>
    public string ClusterId { get; set; } = "smeai";

    /// <summary>Orleans service id; keeps grain state apart between deployments. Default <c>smeai</c>.</summary>
    public string ServiceId { get; set; } = "smeai";

    /// <summary>
    /// The address other silos use to reach this one: an IP address, or a host name resolved once at
    /// start (a compose service name, for example). Default <c>127.0.0.1</c>.
    /// </summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Silo-to-silo port. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port. Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// How often this silo tries a connection to every other active silo's port; a silo whose port refuses two in a row
    /// has crashed and is declared dead at once, rather than after Orleans' missed probes (PostgreSQL mode, on Linux; a
    /// round in which none of several silos listens counts for nothing). Zero turns the check off.
    /// Default 200 ms.
    /// </summary>
    public TimeSpan CrashCheckInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>HTTP address of the API and dashboard. Default <c>http://127.0.0.1:5080</c>.</summary>
    public string HttpUrl { get; set; } = "http://127.0.0.1:5080";

    internal Uri HttpUri => new(HttpUrl);
}
