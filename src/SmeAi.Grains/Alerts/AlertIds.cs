using System.Security.Cryptography;
using System.Text;

namespace SmeAi.Grains.Alerts;

/// <summary>Alert ids from what identifies a raise (domain, entity, event time): a replayed raise gets the same id.</summary>
public static class AlertIds
{
    public static string For(string domain, string entityId, DateTimeOffset ts)
    {
        var key = Encoding.UTF8.GetBytes($"{domain}\n{entityId}\n{ts.UtcTicks}");
        return Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 12));
    }
}
