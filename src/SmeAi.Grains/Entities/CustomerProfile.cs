using System.Globalization;

namespace SmeAi.Grains.Entities;

/// <summary>
/// A customer's <c>profile</c> attributes as a fixed block of churn features, whatever attributes a business sends:
/// every numeric attribute adds sign(v)·log(1 + |v|) to the slot its name hashes to (tenure, charges: churn changes
/// fast over the first months and slowly after, which a log scale shows a small network directly); every other
/// attribute adds 1 to the slot its <c>name=value</c> hashes to (one-hot through the hashing trick). The width never
/// depends on the data, so the one <c>churn</c> model serves customers with and without a profile; an empty value
/// counts as a missing number (0).
/// </summary>
public static class CustomerProfile
{
    public const int NumericSlots = 16;

    public const int CategorySlots = 128;

    /// <summary>Attributes kept per customer; later ones are ignored (the event contract allows up to 256 per event).</summary>
    public const int MaxAttributes = 64;

    public static readonly IReadOnlyList<string> Names =
    [
        .. Enumerable.Range(0, NumericSlots).Select(i => string.Create(CultureInfo.InvariantCulture, $"profile_number_{i:D2}")),
        .. Enumerable.Range(0, CategorySlots).Select(i => string.Create(CultureInfo.InvariantCulture, $"profile_category_{i:D3}")),
    ];

    /// <summary>Merges the attributes of a <c>profile</c> event into the customer's profile (newer values win).</summary>
    public static void Merge(Dictionary<string, string> profile, IReadOnlyDictionary<string, string>? attributes)
    {
        ArgumentNullException.ThrowIfNull(profile);
        foreach (var (name, value) in attributes ?? new Dictionary<string, string>())
        {
            if (profile.ContainsKey(name) || profile.Count < MaxAttributes)
            {
                profile[name] = value;
            }
        }
    }

    /// <summary>Writes the block (length <see cref="Names"/>.Count) for <paramref name="profile"/>.</summary>
    public static void Encode(IReadOnlyDictionary<string, string> profile, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(profile);
        destination[..Names.Count].Clear();
        foreach (var (name, raw) in profile)
        {
            var value = raw.Trim();
            if (value.Length == 0)
            {
                continue;
            }

            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            {
                destination[Slot(name, NumericSlots)] += (float)(Math.Sign(number) * Math.Log(1 + Math.Abs(number)));
            }
            else
            {
                destination[NumericSlots + Slot(string.Concat(name, "=", value), CategorySlots)] += 1;
            }
        }
    }

    /// <summary>A stable slot: the same in every process and machine, so trained models keep their meaning.</summary>
    private static int Slot(string text, int slots) => (int)(StableHash.Of(text) % (uint)slots);
}
