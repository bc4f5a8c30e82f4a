using Confluent.Kafka;
using SmeAi.Streaming.Kafka.Configuration;

namespace SmeAi.Streaming.Kafka.Provider;

/// <summary>
/// Whether librdkafka takes the provider's consumer and producer configurations. It checks property names, values and
/// their combinations (an idempotent producer needs <c>acks=all</c>) only when a client is built, and the provider
/// builds its consumers when partitions are first assigned, so this builds one of each and disposes it at once. Neither
/// waits for the cluster: librdkafka connects in the background.
/// </summary>
/// <remarks>
/// Built as plaintext clients: with TLS or SASL librdkafka would also read certificate files and may run
/// <c>kinit</c>, which belong to the environment the silo runs in, not to a check of settings. The provider builds its
/// producer when it starts, which fails the start on those.
/// </remarks>
internal static class KafkaClientSettingsCheck
{
    private const string ClientId = "smeai-settings-check";

    /// <summary>Why librdkafka refuses a client configuration of <paramref name="options"/>; null when it takes both.</summary>
    public static string? Refusal(KafkaStreamOptions options) =>
        Build("consumer", () => new ConsumerBuilder<byte[], byte[]>(Plaintext(KafkaClientConfigs.Consumer(options, ClientId))).SetLogHandler((_, _) => { }).Build())
        ?? Build("producer", () => new ProducerBuilder<byte[], byte[]>(Plaintext(KafkaClientConfigs.Producer(options, ClientId))).SetLogHandler((_, _) => { }).Build());

    private static TConfig Plaintext<TConfig>(TConfig config)
        where TConfig : ClientConfig
    {
        config.SecurityProtocol = SecurityProtocol.Plaintext;
        return config;
    }

    private static string? Build(string client, Func<IClient> build)
    {
        try
        {
            build().Dispose();
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or KafkaException)
        {
            return $"librdkafka refuses the {client} configuration: {ex.Message.TrimEnd('.')}";
        }
    }
}
