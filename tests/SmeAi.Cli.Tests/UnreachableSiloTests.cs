using SmeAi.Testing;

namespace SmeAi.Cli.Tests;

public sealed class UnreachableSiloTests
{
    [Theory]
    [InlineData("status")]
    [InlineData("models", "list")]
    public async Task An_unreachable_url_is_one_error_line_and_exit_code_1(params string[] command)
    {
        var url = $"http://127.0.0.1:{FreePorts.Next()}";

        var run = await CliRun.RunAsync([.. command, "--url", url]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([$"error: cannot reach {url} (connection refused)"], run.ErrorLines);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Without_bootstrap_or_silo_a_kafka_command_says_how_to_give_one()
    {
        var url = $"http://127.0.0.1:{FreePorts.Next()}";

        var run = await CliRun.RunAsync("scores", "export", "--url", url);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([$"error: no Kafka bootstrap: pass --bootstrap or set SMEAI_KAFKA, or start the silo (cannot reach {url} (connection refused))"], run.ErrorLines);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("status", "--bogus")]
    public async Task An_unknown_word_is_named_in_the_usage_error(params string[] args)
    {
        var run = await CliRun.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["error: unknown command or option '--bogus' (see 'smeai --help')"], run.ErrorLines);
    }

    [Fact]
    public async Task A_wrong_option_is_a_usage_error_with_exit_code_2()
    {
        var run = await CliRun.RunAsync("replay", "data.csv", "--rate", "fast");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }
}
