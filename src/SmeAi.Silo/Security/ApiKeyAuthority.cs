using System.Security.Cryptography;
using System.Text;

namespace SmeAi.Silo.Security;

/// <summary>
/// Holds the effective API key and checks presented keys in constant time. Both sides are hashed
/// first, so neither the comparison time nor an early length mismatch says anything about the key.
/// </summary>
public sealed class ApiKeyAuthority
{
    public const string HeaderName = "X-Api-Key";

    private readonly byte[]? _keyHash;

    private ApiKeyAuthority(string? key, bool generated)
    {
        _keyHash = string.IsNullOrEmpty(key) ? null : Hash(key);
        Key = key;
        IsGenerated = generated;
    }

    /// <summary>The key, kept only to print it once when it was generated.</summary>
    internal string? Key { get; }

    public bool IsGenerated { get; }

    public bool IsConfigured => _keyHash is not null;

    public static ApiKeyAuthority Configured(string key) => new(key, generated: false);

    public static ApiKeyAuthority Generate() => new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)), generated: true);

    public static ApiKeyAuthority None() => new(null, generated: false);

    public bool IsValid(string? presented) =>
        _keyHash is not null && presented is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(Hash(presented), _keyHash);

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
