using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SmeAi.Silo.Privacy;

/// <summary>
/// Replaces entity ids and IP addresses by keyed pseudonyms: stable for one key (the same person keeps one pseudonym,
/// so their history builds up), different under another key, and not reversible without the key.
/// <list type="bullet">
/// <item>id: <c>"p-" + hex(HMAC-SHA256(key, UTF-8("id:" + id)))[0..32]</c>, e.g. <c>p-3f9c…</c> (32 hex digits).</item>
/// <item>IP: the address in its canonical text form (<see cref="IPAddress.ToString"/>), hashed as <c>"ip:" + address</c>;
/// the first 15 bytes of the HMAC after <c>fd</c> form an IPv6 unique-local address, so the field stays an IP address.</item>
/// </list>
/// The <c>id:</c> and <c>ip:</c> prefixes keep an id and an address of the same text apart. Thread-safe.
/// </summary>
public sealed class Pseudonymiser
{
    public const string IdPrefix = "p-";

    private const int IdHexDigits = 32;
    private static readonly SearchValues<char> LowerHexDigits = SearchValues.Create("0123456789abcdef");
    private readonly byte[] _key;

    /// <exception cref="OptionsValidationException">The key is too short.</exception>
    public Pseudonymiser(IOptions<PseudonymisationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new PseudonymisationOptionsValidator().Validate(Options.DefaultName, options.Value);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(PseudonymisationOptions), validation.Failures);
        }

        _key = Encoding.UTF8.GetBytes(options.Value.PseudonymisationKey);
    }

    /// <summary>False when no key is configured: values pass unchanged.</summary>
    public bool Enabled => _key.Length > 0;

    /// <summary>The pseudonym of an entity id (machine, customer or security subject), or the id itself when disabled.</summary>
    public string EntityId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!Enabled)
        {
            return id;
        }

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Hash("id:" + id, mac);
        return IdPrefix + Convert.ToHexStringLower(mac[..(IdHexDigits / 2)]);
    }

    /// <summary>
    /// The key under which the platform keeps the entity an API caller names: with pseudonymisation on, a raw id becomes
    /// its pseudonym exactly as at ingestion, and an id that already is a pseudonym (<see cref="IsPseudonym"/>, e.g. taken
    /// from an alert) is kept. Without a key, the id itself.
    /// </summary>
    public string EntityKey(string requestedId)
    {
        ArgumentNullException.ThrowIfNull(requestedId);
        return Enabled && !IsPseudonym(requestedId) ? EntityId(requestedId) : requestedId;
    }

    /// <summary>Whether <paramref name="id"/> has the exact form of a pseudonym: <c>p-</c> and 32 lowercase hex digits.</summary>
    public static bool IsPseudonym(string id) =>
        id.Length == IdPrefix.Length + IdHexDigits
        && id.StartsWith(IdPrefix, StringComparison.Ordinal)
        && !id.AsSpan(IdPrefix.Length).ContainsAnyExcept(LowerHexDigits);

    /// <summary>
    /// The pseudonym of an IP address (an address in <c>fd00::/8</c>), or the address itself when disabled. Text that is
    /// not an IP address is hashed as it is.
    /// </summary>
    public string IpAddress(string ip)
    {
        ArgumentNullException.ThrowIfNull(ip);
        if (!Enabled)
        {
            return ip;
        }

        var canonical = IPAddress.TryParse(ip, out var address) ? address.ToString() : ip;
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Hash("ip:" + canonical, mac);
        Span<byte> v6 = stackalloc byte[16];
        v6[0] = 0xfd;
        mac[..15].CopyTo(v6[1..]);
        return new IPAddress(v6).ToString();
    }

    private void Hash(string value, Span<byte> mac) => _ = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value), mac);
}
