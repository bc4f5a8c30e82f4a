using SmeAi.Testing;

namespace SmeAi.Cli.Tests;

/// <summary>One real silo process on embedded defaults (only the ports moved), shared by a test class.</summary>
public sealed class EmbeddedSiloFixture : IAsyncLifetime
{
    public SiloProcess Silo { get; private set; } = null!;

    /// <summary>The key the silo generated and printed once at start.</summary>
    public string ApiKey { get; private set; } = "";

    public string Url => Silo.HttpBase.AbsoluteUri.TrimEnd('/');

    public async Task InitializeAsync()
    {
        Silo = SiloProcess.Start(new Dictionary<string, string>());
        await Silo.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        ApiKey = Silo.Output.Split(Environment.NewLine)
            .Where(line => line.StartsWith("API key: ", StringComparison.Ordinal))
            .Select(line => line["API key: ".Length..])
            .Single();
    }

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}
