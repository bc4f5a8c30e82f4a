using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmeAi.Abstractions.Events;
using SmeAi.LoadTests.Measurement;
using SmeAi.Streaming.Kafka.Hosting;
using SmeAi.Testing;

namespace SmeAi.LoadTests.Silo;

/// <summary>
/// One silo in this process, set up like embedded mode: localhost clustering, in-memory grain storage, the Kafka
/// stream provider over <see cref="LoadTestNames.TelemetryTopic"/>, and a <see cref="DeliveryProbe"/> per silo.
/// </summary>
internal sealed class LoadTestSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private LoadTestSilo(IHost host)
    {
        _host = host;
        Probe = host.Services.GetRequiredService<DeliveryProbe>();
    }

    public DeliveryProbe Probe { get; }

    public static async Task<LoadTestSilo> StartAsync(LoadTestSiloOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DeliveryProbe>();
        var clusterId = $"loadtests-{Guid.NewGuid():N}";
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePorts.Next(), FreePorts.Next(), serviceId: clusterId, clusterId: clusterId);
            silo.AddMemoryGrainStorageAsDefault();
            silo.AddKafkaStreams(LoadTestNames.KafkaProvider, configurator =>
            {
                configurator.ConfigureKafka(kafka => kafka.Configure(o =>
                {
                    o.BootstrapServers = options.BootstrapServers;
                    o.GroupId = options.GroupId;
                    o.FetchWaitMaxMs = 10; // required with the embedded (mock) broker
                    o.AddTopic<MachineTelemetry>(LoadTestNames.TelemetryTopic, LoadTestNames.TelemetryNamespace);
                    options.Tune?.Invoke(o);
                }));
                configurator.UseDataAdapter((_, _) => new EventJsonDataAdapter());
            });
        });

        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new LoadTestSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync();
        }
        finally
        {
            _host.Dispose();
        }
    }
}
