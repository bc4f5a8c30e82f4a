using Confluent.Kafka;
using SmeAi.Cli.Terminal;

namespace SmeAi.Cli.Kafka;

/// <summary>Checks, before producing or consuming, that Kafka answers and the topics exist, so the user gets one clear line instead of a timeout.</summary>
internal static class KafkaTopics
{
    private static readonly TimeSpan _metadataTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The partition count of each of <paramref name="topics"/>.</summary>
    /// <exception cref="CliException">Kafka does not answer, or a topic does not exist.</exception>
    public static async Task<IReadOnlyDictionary<string, int>> RequireAsync(string bootstrap, IReadOnlyCollection<string> topics, string missingHint)
    {
        // Synchronous librdkafka call; keep it off the caller's thread.
        await Task.Yield();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap, ClientId = "smeai-cli" })
            .SetLogHandler((_, _) => { })
            .SetErrorHandler((_, _) => { })
            .Build();
        Metadata metadata;
        try
        {
            // All topics, not the wanted ones: asking for one by name lets a broker auto-create it.
            metadata = admin.GetMetadata(_metadataTimeout);
        }
        catch (KafkaException ex)
        {
            throw new CliException($"cannot reach Kafka at {bootstrap} ({ex.Error.Reason})", ex);
        }

        var found = metadata.Topics
            .Where(t => t.Error.Code == Confluent.Kafka.ErrorCode.NoError)
            .ToDictionary(t => t.Topic, t => t.Partitions.Count, StringComparer.Ordinal);
        var missing = topics.Where(t => !found.ContainsKey(t)).ToList();
        if (missing.Count > 0)
        {
            throw new CliException($"topic{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} not found on Kafka at {bootstrap}; {missingHint}");
        }

        return topics.ToDictionary(t => t, t => found[t], StringComparer.Ordinal);
    }
}
