namespace SmeAi.Abstractions.Events.Validation;

/// <summary>The bounds every input event must respect; the validators and <see cref="EventJson"/> enforce them.</summary>
public static class EventLimits
{
    /// <summary>Longest entity id (machineId, customerId, subjectId), in UTF-16 characters.</summary>
    public const int MaxIdLength = 128;

    /// <summary>Most entries in one map (sensors, attributes, features).</summary>
    public const int MaxEntries = 256;

    /// <summary>Longest map key (a sensor, attribute or feature name).</summary>
    public const int MaxNameLength = 64;

    /// <summary>Longest other string (attribute values, ip, country, device, resource, kind, type).</summary>
    public const int MaxStringLength = 256;

    /// <summary>
    /// Largest accepted magnitude of a number (sensors, features, amounts): the grains keep features as 32-bit floats,
    /// where a larger finite double becomes infinity and would poison a baseline or a training set.
    /// </summary>
    public const double MaxMagnitude = float.MaxValue;

    /// <summary>Earliest accepted event-time year (UTC).</summary>
    public const int MinYear = 2000;

    /// <summary>Latest accepted event-time year (UTC).</summary>
    public const int MaxYear = 2100;

    /// <summary>Largest accepted message value, in bytes; far above any valid event, it stops oversized input before parsing.</summary>
    public const int MaxMessageBytes = 1024 * 1024;

    /// <summary>Deepest JSON nesting accepted; the contracts need 2.</summary>
    public const int MaxJsonDepth = 8;
}
