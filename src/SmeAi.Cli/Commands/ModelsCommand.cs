using System.CommandLine;
using System.Globalization;
using System.Net;
using SmeAi.Cli.Silo;
using SmeAi.Cli.Terminal;

namespace SmeAi.Cli.Commands;

/// <summary><c>smeai models list|show|promote|rollback|retrain</c>, through the silo's <c>/api/models</c>.</summary>
internal static class ModelsCommand
{
    /// <summary>How often <c>retrain</c> asks for the outcome of a training that outlasted the request.</summary>
    private static readonly TimeSpan RetrainPollInterval = TimeSpan.FromSeconds(2);

    /// <summary>How long <c>retrain</c> waits for that outcome by default: far beyond the built-in models' trainings.</summary>
    private static readonly TimeSpan DefaultRetrainWait = TimeSpan.FromMinutes(30);

    public static Command Create()
    {
        var models = new Command("models", "List, inspect, promote, roll back and retrain the silo's models.");
        models.Subcommands.Add(List());
        models.Subcommands.Add(Show());
        models.Subcommands.Add(Promote());
        models.Subcommands.Add(Rollback());
        models.Subcommands.Add(Retrain());
        return models;
    }

    private static Command List()
    {
        var command = new Command("list", "List the models with their current version (0: none promoted yet) and stored versions.");
        var connection = ConnectionOptions.ForSilo(command);
        var json = JsonOption(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var silo = connection.CreateSiloClient(parsed);
            var (list, raw) = await silo.GetJsonAsync<List<ModelSummary>>("api/models", cancellationToken);
            var output = parsed.InvocationConfiguration.Output;
            if (parsed.GetValue(json))
            {
                await output.WriteLineAsync(raw);
                return ExitCodes.Success;
            }

            if (list.Count == 0)
            {
                await output.WriteLineAsync("no models yet: they appear when the first data has been trained on");
                return ExitCodes.Success;
            }

            var table = new TextTable("NAME", "CURRENT", "STORED");
            foreach (var model in list.OrderBy(m => m.Name, StringComparer.Ordinal))
            {
                table.Add(model.Name, Number(model.CurrentVersion), Number(model.StoredVersions));
            }

            await table.WriteAsync(output);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show()
    {
        var command = new Command("show", "Show a model's stored versions with their metrics and promotion times.");
        var name = NameArgument(command);
        var connection = ConnectionOptions.ForSilo(command);
        var json = JsonOption(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var silo = connection.CreateSiloClient(parsed);
            var (model, raw) = await silo.GetJsonAsync<ModelDetails>(ModelPath(parsed.GetRequiredValue(name)), cancellationToken);
            var output = parsed.InvocationConfiguration.Output;
            if (parsed.GetValue(json))
            {
                await output.WriteLineAsync(raw);
                return ExitCodes.Success;
            }

            await output.WriteLineAsync($"{model.Name}: current version {Number(model.CurrentVersion)}");
            var table = new TextTable("VERSION", "KIND", "TRAINED ON", "HELD OUT", "CREATED", "PROMOTED", "METRICS");
            foreach (var version in model.Versions)
            {
                table.Add(
                    Number(version.Version) + (version.Version == model.CurrentVersion ? "*" : ""),
                    version.Kind,
                    Number(version.TrainingRows),
                    Number(version.HeldOutRows),
                    Time(version.CreatedAt),
                    version.PromotedAt is { } promoted ? Time(promoted) : "-",
                    string.Join(" ", version.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={m.Value.ToString("0.####", CultureInfo.InvariantCulture)}")));
            }

            await table.WriteAsync(output);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Promote()
    {
        var command = new Command("promote", "Make a stored version the current one (needs the API key).");
        var name = NameArgument(command);
        var version = new Option<int>("--version") { Description = "The stored version to promote", Required = true };
        command.Options.Add(version);
        var connection = ConnectionOptions.ForSilo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var model = parsed.GetRequiredValue(name);
            using var silo = connection.CreateSiloClient(parsed);
            var (promoted, _) = await silo.PostJsonAsync<ModelVersion>(
                $"{ModelPath(model)}/promote", new { version = parsed.GetValue(version) }, cancellationToken);
            await parsed.InvocationConfiguration.Output.WriteLineAsync($"{model}: version {Number(promoted.Version)} is now current");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Rollback()
    {
        var command = new Command("rollback", "Go back to the previously promoted version (needs the API key).");
        var name = NameArgument(command);
        var connection = ConnectionOptions.ForSilo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var model = parsed.GetRequiredValue(name);
            using var silo = connection.CreateSiloClient(parsed);
            var (current, _) = await silo.PostJsonAsync<ModelVersion>($"{ModelPath(model)}/rollback", body: null, cancellationToken);
            await parsed.InvocationConfiguration.Output.WriteLineAsync($"{model}: rolled back; version {Number(current.Version)} is now current");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Retrain()
    {
        var command = new Command("retrain", "Train now on the samples the trainer holds and say what happened (needs the API key).");
        var name = NameArgument(command);
        var connection = ConnectionOptions.ForSilo(command);
        var wait = Durations.Option(
            "--wait", "How long to wait for the outcome of a training that outlasts the request, at most 49d", DefaultRetrainWait, Durations.WallClockMaximum);
        command.Options.Add(wait);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var model = parsed.GetRequiredValue(name);
            var output = parsed.InvocationConfiguration.Output;
            using var silo = connection.CreateSiloClient(parsed);
            var path = $"{ModelPath(model)}/retrain";
            var (status, raw) = await silo.PostAsync(path, body: null, cancellationToken);
            RetrainOutcome outcome;
            if (status == HttpStatusCode.Accepted)
            {
                var accepted = silo.Parse<RetrainAccepted>(raw, path);
                await output.WriteLineAsync($"{model}: the training goes on in the silo; waiting for its outcome (Ctrl+C stops waiting, not the training)");
                outcome = await WaitForOutcomeAsync(silo, model, accepted.PreviousFinishedAt, parsed.GetValue(wait) ?? DefaultRetrainWait, cancellationToken);
            }
            else
            {
                outcome = silo.Parse<RetrainOutcome>(raw, path);
            }

            var what = outcome switch
            {
                { Promoted: true } => $"version {Number(outcome.Version)} trained and promoted",
                { Published: true } => $"version {Number(outcome.Version)} trained and stored, not promoted",
                _ => "nothing published",
            };
            await output.WriteLineAsync($"{model}: {what} ({outcome.Reason}: {outcome.Detail})");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Polls the model until its trainer reports an outcome finished after the one it had before the request, for at most
    /// <paramref name="wait"/>: a silo restarted meanwhile, or another silo's training of the same model, never reports one.
    /// </summary>
    /// <exception cref="CliException">No outcome within <paramref name="wait"/>.</exception>
    private static async Task<RetrainOutcome> WaitForOutcomeAsync(
        SiloClient silo, string model, DateTimeOffset? previousFinishedAt, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(wait);
        try
        {
            while (true)
            {
                var (details, _) = await silo.GetJsonAsync<ModelDetails>(ModelPath(model), deadline.Token);
                if (details.Trainer?.LastOutcome is { } outcome && (previousFinishedAt is null || outcome.FinishedAt > previousFinishedAt))
                {
                    return outcome;
                }

                await Task.Delay(RetrainPollInterval, deadline.Token);
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(
                $"{model}: no outcome of the training within {wait.TotalSeconds:0.###} s; it may still be running: 'smeai models show {model}' shows its last outcome (--wait to wait longer)", ex);
        }
    }

    private static Argument<string> NameArgument(Command command)
    {
        var name = new Argument<string>("name") { Description = "Model name, as 'smeai models list' shows it" };
        command.Arguments.Add(name);
        return name;
    }

    private static Option<bool> JsonOption(Command command)
    {
        var json = new Option<bool>("--json") { Description = "Print the silo's JSON answer as is" };
        command.Options.Add(json);
        return json;
    }

    private static string ModelPath(string name) => $"api/models/{Uri.EscapeDataString(name)}";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
