using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Streaming.Kafka.Configuration;

namespace SmeAi.Silo.Health;

/// <summary>
/// Readiness: the Kafka cluster answers a metadata request within <see cref="Timeout"/>, with the client settings the
/// silo's own consumers and producers use (SASL/TLS included). Degraded when it answers but lacks a topic the silo
/// reads or writes: events of that topic neither arrive nor leave.
/// </summary>
internal sealed class KafkaHealthCheck(IOptionsMonitor<KafkaStreamOptions> kafka) : IHealthCheck, IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private readonly Lazy<IAdminClient> _admin = new(() => Build(kafka.Get(StreamNames.KafkaProvider)));

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Metadata metadata;
        try
        {
            // librdkafka's metadata call blocks its thread until the answer or the timeout.
            metadata = await Task.Run(() => _admin.Value.GetMetadata(Timeout), cancellationToken);
        }
        catch (KafkaException ex)
        {
            return HealthCheckResult.Unhealthy($"the Kafka cluster did not answer within {Timeout.TotalSeconds:0} s: {ex.Error.Reason}");
        }

        var present = metadata.Topics.Where(t => !t.Error.IsError).Select(t => t.Topic).ToHashSet(StringComparer.Ordinal);
        var missing = TopicNames.Inputs.Concat(TopicNames.Outputs).Where(t => !present.Contains(t)).ToList();
        var brokers = $"{metadata.Brokers.Count} broker(s)";
        return missing.Count == 0
            ? HealthCheckResult.Healthy($"{brokers}, every topic present")
            : HealthCheckResult.Degraded($"{brokers}; missing topics: {string.Join(", ", missing)}");
    }

    public void Dispose()
    {
        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }
    }

    private static IAdminClient Build(KafkaStreamOptions options)
    {
        var config = new AdminClientConfig { BootstrapServers = options.BootstrapServers };
        options.ApplyClientSettings(config);

        // An unreachable cluster is this check's answer, not something to log once a second.
        return new AdminClientBuilder(config).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
    }
}
