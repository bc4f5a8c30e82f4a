using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using SmeAi.Cli.Pipeline;
using SmeAi.Silo.Configuration;
using SmeAi.Silo.Hosting;
using SmeAi.Silo.Outputs;
using SmeAi.Silo.Privacy;
using SmeAi.Testing;

namespace SmeAi.Cli.Tests;

/// <summary>Tests that change this process's environment: they run alone, after the tests that run in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentDefinition
{
    public const string Name = "process environment";
}

/// <summary>
/// <c>smeai evaluate</c>'s silo stays a private embedded silo on a shell that exports an operator's silo settings:
/// joining their cluster, database or Kafka (or taking their outputs or pseudonymisation key) would publish dataset-trained
/// models into production and change what the evaluation measures.
/// </summary>
[Collection(ProcessEnvironmentDefinition.Name)]
public sealed class InProcessSiloEnvironmentTests
{
    private static readonly Dictionary<string, string> _operatorSettings = new()
    {
        ["SMEAI_ConnectionStrings__Postgres"] = $"Host=127.0.0.1;Port={FreePorts.Next()};Username=smeai;Timeout=5",
        ["SMEAI_Kafka__BootstrapServers"] = $"127.0.0.1:{FreePorts.Next()}",
        ["SMEAI_Privacy__PseudonymisationKey"] = new string('k', 40),
        ["SMEAI_Outputs__PublishScores"] = "false",
        ["SMEAI_Silo__ClusterId"] = "production",
        ["ConnectionStrings__Postgres"] = $"Host=127.0.0.1;Port={FreePorts.Next()};Username=smeai;Timeout=5",
    };

    [Fact]
    public async Task The_evaluation_silo_ignores_the_operators_environment()
    {
        using var environment = new EnvironmentVariables(_operatorSettings);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        await using var silo = await InProcessSilo.StartAsync([], timeout.Token);

        Assert.Equal(PlatformMode.Embedded, silo.Services.GetRequiredService<SiloStartupPlan>().Mode);
        Assert.False(silo.Services.GetRequiredService<Pseudonymiser>().Enabled);
        Assert.True(silo.Services.GetRequiredService<IOptions<OutputOptions>>().Value.PublishScores);
        Assert.StartsWith("smeai-evaluate-", silo.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId, StringComparison.Ordinal);
        using var client = silo.CreateClient();
        var (system, _) = await client.GetJsonAsync<JsonElement>("/api/system", timeout.Token);
        Assert.True(system.GetProperty("kafkaEmbedded").GetBoolean());
    }

    /// <summary>Sets variables of this process and restores their previous values.</summary>
    private sealed class EnvironmentVariables : IDisposable
    {
        private readonly Dictionary<string, string?> _previous;

        public EnvironmentVariables(Dictionary<string, string> values)
        {
            _previous = values.Keys.ToDictionary(name => name, Environment.GetEnvironmentVariable);
            foreach (var (name, value) in values)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, value) in _previous)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
