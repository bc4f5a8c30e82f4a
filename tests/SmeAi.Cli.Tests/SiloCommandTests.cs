using System.Net.Http.Json;
using System.Text.Json;

namespace SmeAi.Cli.Tests;

/// <summary><c>status</c>, <c>models</c> and bootstrap discovery against a real silo process.</summary>
public sealed class SiloCommandTests(EmbeddedSiloFixture fixture) : IClassFixture<EmbeddedSiloFixture>
{
    [Fact]
    public async Task Status_shows_a_healthy_embedded_silo_and_its_kafka_bootstrap()
    {
        var system = await fixture.Silo.Http.GetFromJsonAsync<JsonElement>("api/system");

        var run = await CliRun.RunAsync("status", "--url", fixture.Url);

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains($"silo    {fixture.Url}  Healthy", lines);
        Assert.Contains("mode    embedded", lines);
        Assert.Contains($"kafka   {system.GetProperty("kafkaBootstrap").GetString()} (embedded)", lines);
    }

    [Fact]
    public async Task Models_list_shows_every_model_the_api_lists()
    {
        // Models appear once the embedded simulator's data has been trained on: wait for one (the deadline only fails the test).
        await WaitForAPublishedModelAsync(TimeSpan.FromMinutes(5));
        var names = (await fixture.Silo.Http.GetFromJsonAsync<JsonElement>("api/models")).EnumerateArray()
            .Select(m => m.GetProperty("name").GetString()!).ToList();

        var run = await CliRun.RunAsync("models", "list", "--url", fixture.Url);

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("NAME", lines[0], StringComparison.Ordinal);
        var listed = lines.Skip(1).Select(l => l.Split(' ')[0]).ToHashSet();
        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.Contains(name, listed));
    }

    [Fact]
    public async Task A_write_without_the_api_key_is_refused_with_401_and_exit_code_1()
    {
        var run = await CliRun.RunAsync("models", "rollback", "equipment", "--url", fixture.Url);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"error: {fixture.Url}/api/models/equipment/rollback answered 401 Unauthorized", line, StringComparison.Ordinal);
        Assert.Contains("--api-key", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_api_key_a_write_reaches_the_model_and_its_answer_is_reported()
    {
        var run = await CliRun.RunAsync("models", "promote", "no-such-model", "--version", "7", "--url", fixture.Url, "--api-key", fixture.ApiKey);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"error: {fixture.Url}/api/models/no-such-model/promote answered 404 Not Found", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrain_waits_for_the_outcome_of_a_training_that_outlasts_the_request_and_reports_it()
    {
        var run = await CliRun.RunAsync("models", "retrain", "cli-no-samples", "--url", fixture.Url, "--api-key", fixture.ApiKey);

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("cli-no-samples: the training goes on in the silo; waiting for its outcome", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("cli-no-samples: nothing published (requested through the API: not published: no samples yet", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_bootstrap_the_kafka_commands_ask_the_silo_for_it()
    {
        var run = await CliRun.RunAsync("simulate", "--url", fixture.Url, "--rate", "0", "--max-events", "20", "--domains", "factory");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(run.ErrorLines, l => l.StartsWith("Kafka bootstrap 127.0.0.1:", StringComparison.Ordinal) && l.EndsWith($"(from the silo at {fixture.Url}/)", StringComparison.Ordinal));
        Assert.StartsWith("produced 20 events (20 delivered, 0 failed)", run.Output, StringComparison.Ordinal);
    }

    private async Task WaitForAPublishedModelAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!(await fixture.Silo.Http.GetFromJsonAsync<JsonElement>("api/models", deadline.Token)).EnumerateArray()
            .Any(m => m.GetProperty("currentVersion").GetInt32() >= 1))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), deadline.Token);
        }
    }
}
