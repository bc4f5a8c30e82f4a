using System.CommandLine;
using SmeAi.Cli.Silo;

namespace SmeAi.Cli.Commands;

/// <summary>
/// Where the silo and Kafka are: <c>--url</c> (env <c>SMEAI_URL</c>), <c>--api-key</c> (env <c>SMEAI_API_KEY</c>) and,
/// for commands that talk to Kafka, <c>--bootstrap</c> (env <c>SMEAI_KAFKA</c>, else asked from the silo).
/// </summary>
internal sealed class ConnectionOptions
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    private ConnectionOptions(bool withKafka)
    {
        Url = new Option<string>("--url")
        {
            Description = "Base URL of the silo's HTTP API [env SMEAI_URL]",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SMEAI_URL") is { Length: > 0 } url ? url : DefaultUrl,
        };
        ApiKey = new Option<string?>("--api-key")
        {
            Description = "API key for write requests, sent as X-Api-Key [env SMEAI_API_KEY]",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SMEAI_API_KEY") is { Length: > 0 } key ? key : null,
        };
        if (withKafka)
        {
            Bootstrap = new Option<string?>("--bootstrap")
            {
                Description = "Kafka bootstrap servers host:port[,...] [env SMEAI_KAFKA; default: asked from the silo's /api/system]",
                DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SMEAI_KAFKA") is { Length: > 0 } servers ? servers : null,
            };
        }
    }

    public Option<string> Url { get; }

    public Option<string?> ApiKey { get; }

    public Option<string?>? Bootstrap { get; }

    /// <summary>Options for commands that only call the silo's HTTP API.</summary>
    public static ConnectionOptions ForSilo(Command command) => AddTo(command, new ConnectionOptions(withKafka: false));

    /// <summary>Options for commands that use Kafka (and the silo only to find it).</summary>
    public static ConnectionOptions ForKafka(Command command) => AddTo(command, new ConnectionOptions(withKafka: true));

    public SiloClient CreateSiloClient(ParseResult parsed) => SiloClient.Create(parsed.GetRequiredValue(Url), parsed.GetValue(ApiKey));

    /// <summary>The bootstrap servers given, or the ones the silo reports (and says so on stderr).</summary>
    public async Task<string> ResolveBootstrapAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        if (Bootstrap is not null && parsed.GetValue(Bootstrap) is { Length: > 0 } given)
        {
            return given;
        }

        using var silo = CreateSiloClient(parsed);
        var servers = await silo.GetKafkaBootstrapAsync(cancellationToken);
        await parsed.InvocationConfiguration.Error.WriteLineAsync($"Kafka bootstrap {servers} (from the silo at {silo.BaseAddress})");
        return servers;
    }

    private static ConnectionOptions AddTo(Command command, ConnectionOptions options)
    {
        command.Options.Add(options.Url);
        command.Options.Add(options.ApiKey);
        if (options.Bootstrap is not null)
        {
            command.Options.Add(options.Bootstrap);
        }

        return options;
    }
}
