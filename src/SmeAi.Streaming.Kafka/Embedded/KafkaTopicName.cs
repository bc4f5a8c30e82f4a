namespace SmeAi.Streaming.Kafka.Embedded;

/// <summary>Kafka's rules for topic names, checked before a name reaches the mock cluster, which does not check them.</summary>
internal static class KafkaTopicName
{
    /// <summary>Kafka's limit (<c>Topic.MAX_NAME_LENGTH</c>).</summary>
    internal const int MaxLength = 249;

    /// <summary>Returns why <paramref name="name"/> is not a valid topic name, or null if it is.</summary>
    internal static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "must not be empty";
        }

        if (name.Length > MaxLength)
        {
            return $"is {name.Length} characters long; Kafka allows at most {MaxLength}";
        }

        if (name is "." or "..")
        {
            return "must not be '.' or '..'";
        }

        return name.All(IsAllowed)
            ? null
            : "may contain only ASCII letters, digits, '.', '_' and '-'";
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
