using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmeAi.Streaming.Kafka.Configuration;
using SmeAi.Streaming.Kafka.Hosting;
using SmeAi.Testing;

namespace SmeAi.Streaming.Kafka.Tests.Provider;

/// <summary>
/// Silos in this process, on loopback ports, clustered through the first one (development clustering), each with the
/// Kafka stream provider under test. Stop any silo but the first.
/// </summary>
internal sealed class KafkaTestCluster : IAsyncDisposable
{
    public const string ProviderName = "Kafka";

    private readonly List<IHost> _silos = [];

    private KafkaTestCluster()
    {
    }

    public IReadOnlyList<IHost> Silos => _silos;

    public static async Task<KafkaTestCluster> StartAsync(int siloCount, Action<KafkaStreamOptions> configure)
    {
        var cluster = new KafkaTestCluster();
        var clusterId = $"kafka-tests-{Guid.NewGuid():N}";
        var primary = new IPEndPoint(IPAddress.Loopback, FreePorts.Next());
        try
        {
            for (var i = 0; i < siloCount; i++)
            {
                var siloPort = i == 0 ? primary.Port : FreePorts.Next();
                var builder = Host.CreateApplicationBuilder();
                builder.Logging.ClearProviders();
                builder.UseOrleans(silo =>
                {
                    silo.UseLocalhostClustering(siloPort, FreePorts.Next(), primary, serviceId: clusterId, clusterId: clusterId);
                    silo.AddKafkaStreams(ProviderName, configure);
                    silo.Services.AddKafkaEventValidator<TestEvent>(e => e.Seq < 0 ? $"seq {e.Seq} is negative" : null);
                });
                var host = builder.Build();
                await host.StartAsync();
                cluster._silos.Add(host);
            }
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    public T Services<T>(int silo)
        where T : notnull => _silos[silo].Services.GetRequiredService<T>();

    public async Task StopSiloAsync(int index)
    {
        var host = _silos[index];
        await host.StopAsync();
        host.Dispose();
        _silos.RemoveAt(index);
    }

    public async ValueTask DisposeAsync()
    {
        // Secondaries first: the first silo holds the development membership table. Every silo is stopped even when
        // one fails to, so none keeps running into the next test.
        var failures = new List<Exception>();
        for (var i = _silos.Count - 1; i >= 0; i--)
        {
            try
            {
                await _silos[i].StopAsync();
            }
            catch (Exception ex)
            {
                failures.Add(ex);
            }
            finally
            {
                _silos[i].Dispose();
            }
        }

        _silos.Clear();
        if (failures.Count > 0)
        {
            throw new AggregateException("Stopping the test cluster failed.", failures);
        }
    }
}
