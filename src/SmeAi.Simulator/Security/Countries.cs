using SmeAi.Simulator.Internal;

namespace SmeAi.Simulator.Security;

/// <summary>The countries the security simulator uses, with a UTC offset, a region and an address block.</summary>
internal static class Countries
{
    // Index = address block: country i uses 100.(64 + i).0.0/16, inside the shared address space 100.64.0.0/10,
    // so no simulated address belongs to anyone real.
    private static readonly Country[] _all =
    [
        new("DE", 1, "EU"), new("FR", 1, "EU"), new("NL", 1, "EU"), new("GB", 0, "EU"), new("ES", 1, "EU"),
        new("IT", 1, "EU"), new("PL", 1, "EU"), new("US", -5, "NA"), new("AT", 1, "EU"), new("CH", 1, "EU"),
        new("SE", 1, "EU"), new("CA", -5, "NA"), new("BR", -3, "SA"), new("JP", 9, "AS"), new("AU", 10, "OC"),
        new("SG", 8, "AS"), new("ZA", 2, "AF"), new("IN", 5, "AS"), new("RU", 3, "EU"), new("CN", 8, "AS"),
        new("NG", 1, "AF"), new("VN", 7, "AS"), new("ID", 7, "AS"),
    ];

    public static IReadOnlyList<string> Homes { get; } = ["DE", "FR", "NL", "GB", "ES", "IT", "PL", "US"];

    public static IReadOnlyList<double> HomeShares { get; } = [0.35, 0.15, 0.1, 0.1, 0.08, 0.08, 0.07, 0.07];

    public static IReadOnlyList<string> TravelDestinations { get; } = ["DE", "FR", "NL", "GB", "ES", "IT", "AT", "CH", "SE", "US"];

    public static IReadOnlyList<string> AttackOrigins { get; } = ["RU", "CN", "BR", "NG", "VN", "ID"];

    public static Country Get(string code) => _all.First(country => country.Code == code);

    /// <summary>A country on another continent than <paramref name="home"/>: a login from it minutes later is impossible travel.</summary>
    public static string FarFrom(string home, SimRandom rng)
    {
        var region = Get(home).Region;
        var far = _all.Where(c => c.Region != region && !AttackOrigins.Contains(c.Code)).Select(c => c.Code).ToList();
        return rng.Pick(far);
    }

    /// <summary>An address in the country's block.</summary>
    public static string Ip(string code, SimRandom rng)
    {
        var index = Array.FindIndex(_all, country => country.Code == code);
        return $"100.{64 + index}.{rng.Next(256)}.{1 + rng.Next(254)}";
    }

    internal sealed record Country(string Code, int UtcOffsetHours, string Region);
}
