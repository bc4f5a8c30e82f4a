using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Streams;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Outputs;
using SmeAi.Silo.Apis;
using SmeAi.Silo.Outputs;
using SmeAi.Testing;

namespace SmeAi.IntegrationTests;

/// <summary>
/// The alerts API alone in an in-process host: a one-silo cluster with the memory alert stream provider and embedded
/// mode's <see cref="MemoryAlertStore"/> (behind <see cref="FailableAlertStore"/>), so the endpoints are checked apart
/// from how the grains raise alerts.
/// </summary>
public class AlertsApiHost : IAsyncLifetime
{
    private WebApplication _app = null!;

    public HttpClient Http { get; private set; } = null!;

    internal FailableAlertStore Store { get; } = new(new MemoryAlertStore(Options.Create(new OutputOptions())));

    internal IClusterClient Client => _app.Services.GetRequiredService<IClusterClient>();

    internal IAsyncStream<Alert> AlertStream =>
        Client.GetStreamProvider(StreamNames.AlertProvider).GetStream<Alert>(StreamId.Create(StreamNames.Alerts, StreamNames.AllAlertsKey));

    /// <summary>Configuration keys such as <c>Api:MaxAlertStreams</c>; none by default.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        var httpUrl = $"http://127.0.0.1:{FreePorts.Next()}";
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(Settings);
        builder.WebHost.UseUrls(httpUrl);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IAlertStore>(Store);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(FreePorts.Next(), FreePorts.Next())
            .AddMemoryGrainStorage(StorageNames.PubSub)
            .AddMemoryStreams(StreamNames.AlertProvider));
        builder.Services.AddSiloApis();
        _app = builder.Build();
        _app.UseApiExceptionHandler();
        _app.MapAlertsApi();
        await _app.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri(httpUrl + "/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
