using SmeAi.Testing;

namespace SmeAi.IntegrationTests;

/// <summary>One silo process on embedded defaults (only the ports moved), shared by a test class.</summary>
public sealed class EmbeddedSiloFixture : IAsyncLifetime
{
    public SiloProcess Silo { get; private set; } = null!;

    /// <summary>The key the silo generated and printed once at start.</summary>
    public string ApiKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Silo = await SiloProcess.StartHealthyAsync(new Dictionary<string, string>(), TimeSpan.FromSeconds(90));
        ApiKey = Silo.GeneratedApiKey;
    }

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}
