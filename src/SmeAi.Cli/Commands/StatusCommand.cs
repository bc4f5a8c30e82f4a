using System.CommandLine;
using System.Globalization;
using SmeAi.Cli.Silo;
using SmeAi.Cli.Terminal;

namespace SmeAi.Cli.Commands;

/// <summary><c>smeai status</c>: the silo's health and <c>/api/system</c>; exits 1 when the silo is not healthy.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Show whether the silo is healthy, its mode, silos, Kafka bootstrap and events processed.");
        var connection = ConnectionOptions.ForSilo(command);
        var json = new Option<bool>("--json") { Description = "Print /api/system as JSON" };
        command.Options.Add(json);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var output = parsed.InvocationConfiguration.Output;
            using var silo = connection.CreateSiloClient(parsed);
            var (healthy, health) = await silo.GetHealthAsync(cancellationToken);
            var (system, raw) = await silo.GetJsonAsync<SystemInfo>("api/system", cancellationToken);
            if (parsed.GetValue(json))
            {
                await output.WriteLineAsync(raw);
            }
            else
            {
                var table = new TextTable("", "");
                table.Add("silo", $"{silo.BaseAddress.AbsoluteUri.TrimEnd('/')}  {health}");
                table.Add("mode", system.Mode);
                table.Add("silos", $"{system.Silos.Count.ToString(CultureInfo.InvariantCulture)} active: {string.Join(", ", system.Silos)}");
                table.Add("kafka", $"{system.KafkaBootstrap}{(system.KafkaEmbedded ? " (embedded)" : "")}");
                table.Add("events", $"{system.EventsProcessed.ToString(CultureInfo.InvariantCulture)} processed");
                await table.WriteAsync(output, withHeader: false);
            }

            if (!healthy)
            {
                throw new CliException($"the silo at {silo.BaseAddress.AbsoluteUri.TrimEnd('/')} reports {health}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
