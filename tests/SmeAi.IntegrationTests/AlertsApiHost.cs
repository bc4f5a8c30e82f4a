using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Orleans.Streams;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Outputs;
using SmeAi.Silo.Apis;
using SmeAi.Testing;

namespace SmeAi.IntegrationTests;

/// <summary>
/// The alerts API alone in an in-process host: a one-silo cluster with the memory alert stream provider and a list-backed
/// <see cref="IAlertStore"/>, so the endpoints are checked apart from how the grains raise alerts.
/// </summary>
public class AlertsApiHost : IAsyncLifetime
{
    private WebApplication _app = null!;

    public HttpClient Http { get; private set; } = null!;

    internal ListAlertStore Store { get; } = new();

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

    /// <summary>Keeps what it is given; answers queries as the contract of <see cref="IAlertStore"/> says.</summary>
    internal sealed class ListAlertStore : IAlertStore
    {
        private readonly List<Alert> _alerts = [];

        public (string? Domain, DateTimeOffset? Since, int Limit)? LastQuery { get; private set; }

        /// <summary>When set, queries throw it, as a store whose database is gone would.</summary>
        public Exception? FailWith { get; set; }

        public Task AddAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
        {
            lock (_alerts)
            {
                _alerts.AddRange(alerts.Where(a => _alerts.All(known => known.AlertId != a.AlertId)));
            }

            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<Alert>> QueryAsync(string? domain, DateTimeOffset? since, int limit, CancellationToken cancellationToken)
        {
            if (FailWith is { } failure)
            {
                throw failure;
            }

            lock (_alerts)
            {
                LastQuery = (domain, since, limit);
                IReadOnlyList<Alert> found = [.. _alerts
                    .Where(a => (domain is null || a.Domain == domain) && (since is null || a.Ts >= since))
                    .OrderByDescending(a => a.Ts)
                    .Take(limit)];
                return Task.FromResult(found);
            }
        }

        public Task<int> DeleteEntityAsync(string domain, string entityId, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
