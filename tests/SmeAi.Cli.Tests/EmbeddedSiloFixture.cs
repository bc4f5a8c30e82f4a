using SmeAi.Testing;

namespace SmeAi.Cli.Tests;

/// <summary>
/// One real silo process on embedded defaults, shared by a test class. Only the ports moved, and <c>Api:RetrainWait</c>
/// is zero: every retrain is answered 202 Accepted, so <c>smeai models retrain</c> shows it waits for the outcome.
/// </summary>
public sealed class EmbeddedSiloFixture : IAsyncLifetime
{
    public SiloProcess Silo { get; private set; } = null!;

    /// <summary>The key the silo generated and printed once at start.</summary>
    public string ApiKey { get; private set; } = "";

    public string Url => Silo.HttpBase.AbsoluteUri.TrimEnd('/');

    public async Task InitializeAsync()
    {
        Silo = await SiloProcess.StartHealthyAsync(new Dictionary<string, string> { ["Api:RetrainWait"] = "00:00:00" }, TimeSpan.FromSeconds(90));
        ApiKey = Silo.GeneratedApiKey;
    }

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}
