using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using SmeAi.Cli.Silo;
using SmeAi.Silo.Configuration;
using SmeAi.Silo.Hosting;

namespace SmeAi.Cli.Pipeline;

/// <summary>
/// A SmeAi silo in this process, in embedded mode (its own Kafka broker, in-memory storage) on free loopback ports and
/// without the demo feed, so the only events it sees are the ones replayed into it. Its log goes to stderr. It reads no
/// environment variables: an operator's <c>SMEAI_*</c> settings (a database, a Kafka, a pseudonymisation key, outputs)
/// must not join it to their cluster or change what the evaluation measures.
/// </summary>
internal sealed class InProcessSilo : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessSilo(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    /// <summary>The silo's services: its grain factory and event counter, for waiting on the pipeline between replay steps.</summary>
    public IServiceProvider Services => _app.Services;

    /// <param name="settings">Further command-line settings of the silo (<c>--Training:LabelHorizon=00:00:30</c>).</param>
    public static async Task<InProcessSilo> StartAsync(IReadOnlyList<string> settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var url = $"http://127.0.0.1:{LoopbackPorts.Next().ToString(CultureInfo.InvariantCulture)}";
        string[] args =
        [
            "--Simulator:Embedded:Enabled=false",
            // A key of our own, so the silo does not print a generated one into the command's output; nothing here writes.
            $"--Security:ApiKey={Convert.ToHexString(RandomNumberGenerator.GetBytes(24))}",
            // Its own cluster, whatever else runs on this machine.
            $"--Silo:ClusterId=smeai-evaluate-{Guid.NewGuid():N}",
            $"--Silo:HttpUrl={url}",
            $"--Silo:SiloPort={LoopbackPorts.Next().ToString(CultureInfo.InvariantCulture)}",
            $"--Silo:GatewayPort={LoopbackPorts.Next().ToString(CultureInfo.InvariantCulture)}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:SmeAi=Warning",
            "--Logging:LogLevel:Orleans.Runtime.Silo=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
            "--Logging:Console:LogToStandardErrorThreshold=Trace",
            .. settings,
        ];
        var app = await SiloProgram.BuildAsync(args, SiloConfigurationScope.Isolated, cancellationToken);
        await app.StartAsync(cancellationToken);
        var silo = new InProcessSilo(app, url);
        using var client = silo.CreateClient();
        for (var attempt = 0; !(await client.GetHealthAsync(cancellationToken)).Healthy; attempt++)
        {
            if (attempt >= 240)
            {
                await silo.DisposeAsync();
                throw new TimeoutException("the in-process silo was not healthy within two minutes");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }

        return silo;
    }

    public SiloClient CreateClient() => SiloClient.Create(Url, apiKey: null);

    public async ValueTask DisposeAsync()
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(grace.Token);
        await _app.DisposeAsync();
    }
}
