using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SmeAi.Testing;

namespace SmeAi.Cli.Tests;

/// <summary><c>smeai models retrain</c> against a silo whose training never reports an outcome (restarted meanwhile, say).</summary>
public sealed class RetrainWaitTests
{
    private static readonly DateTimeOffset LastFinished = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Retrain_gives_up_waiting_after_its_wait_and_says_where_to_look()
    {
        await using var silo = await StartSiloWithoutOutcomesAsync();

        var run = await CliRun.RunAsync("models", "retrain", "churn", "--url", silo.Urls.Single(), "--api-key", "0123456789abcdef", "--wait", "1s");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(
            "error: churn: no outcome of the training within 1 s; it may still be running: 'smeai models show churn' shows its last outcome (--wait to wait longer)",
            Assert.Single(run.ErrorLines));
    }

    /// <summary>Answers every retrain 202 and keeps reporting the outcome from before it.</summary>
    private static async Task<WebApplication> StartSiloWithoutOutcomesAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePorts.Next()}");
        var app = builder.Build();
        app.MapPost("/api/models/{name}/retrain", (string name) => Results.Json(
            new { modelName = name, statusPath = $"/api/models/{name}", previousFinishedAt = LastFinished, detail = "training goes on" },
            statusCode: StatusCodes.Status202Accepted));
        app.MapGet("/api/models/{name}", (string name) => Results.Json(new
        {
            name,
            currentVersion = 1,
            versions = Array.Empty<object>(),
            trainer = new
            {
                training = true,
                lastOutcome = new { modelName = name, published = true, promoted = true, version = 1, reason = "first data", detail = "", finishedAt = LastFinished },
            },
        }));
        await app.StartAsync();
        return app;
    }
}
