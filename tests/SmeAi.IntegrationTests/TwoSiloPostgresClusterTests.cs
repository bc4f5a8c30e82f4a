using System.Net;
using System.Net.Http.Json;
using SmeAi.Testing;

namespace SmeAi.IntegrationTests;

/// <summary>Two silo processes on loopback sharing one PostgreSQL database form one cluster and survive losing a member.</summary>
public sealed class TwoSiloPostgresClusterTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    // The silo's crashed-silo check logs this when it declares a silo dead.
    private const string DeclaredDead = "while active in the membership table: declaring it dead";

    private PostgresSiloCluster _cluster = null!;

    // Orleans' own probes would need three missed minutes to declare a silo dead, longer than any wait below: only the
    // silos' crashed-silo check can make a killed silo leave the cluster in time.
    public async Task InitializeAsync() => _cluster = await PostgresSiloCluster.CreateAsync(
        "cluster",
        new Dictionary<string, string>
        {
            ["Orleans:Membership:ProbeTimeout"] = "00:01:00",
            ["Orleans:Membership:NumMissedProbesLimit"] = "3",
        });

    [Fact]
    public async Task Both_silos_join_serve_grain_calls_and_one_keeps_serving_when_the_other_stops()
    {
        var (first, second) = await StartTwoSilosAsync();

        var viewFromFirst = await WaitForSystemAsync(first, s => s.Silos.Count == 2);
        var viewFromSecond = await WaitForSystemAsync(second, s => s.Silos.Count == 2);
        Assert.Equal("postgres", viewFromFirst.Mode);
        Assert.Equal(viewFromFirst.Silos, viewFromSecond.Silos);
        Assert.Contains(viewFromFirst.Silo, viewFromSecond.Silos);
        Assert.Contains(viewFromSecond.Silo, viewFromFirst.Silos);
        Assert.Equal(_cluster.Kafka.BootstrapServers, viewFromFirst.KafkaBootstrap);

        first.Terminate();
        Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        // The statistics grain /api/system calls may have lived on the stopped silo; the survivor serves it again.
        var afterStop = await WaitForSystemAsync(second, s => s.Silos.Count == 1);
        Assert.Equal([viewFromSecond.Silo], afterStop.Silos);
        using var health = await second.Http.GetAsync(new Uri("health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        // A silo that stops says so in the membership table before it closes its port: it is not taken for crashed.
        Assert.DoesNotContain(DeclaredDead, second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_killed_silo_is_declared_dead_by_the_survivor_as_soon_as_its_port_refuses_connections()
    {
        var (doomed, survivor) = await StartTwoSilosAsync();
        var before = await WaitForSystemAsync(survivor, s => s.Silos.Count == 2);

        doomed.KillHard();

        var after = await WaitForSystemAsync(survivor, s => s.Silos.Count == 1, TimeSpan.FromSeconds(30));
        Assert.Equal([before.Silo], after.Silos);
        // The survivor's output reaches the test through a pipe, which may lag behind its API on a busy machine.
        var logged = await OutputContainsAsync(survivor, DeclaredDead, TimeSpan.FromSeconds(10));
        Assert.True(logged, $"the survivor never logged that it declared the killed silo dead{Environment.NewLine}{survivor.OutputTail(40)}");
        using var health = await survivor.Http.GetAsync(new Uri("health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    /// <summary>Starts two silos one after the other, so the first is the cluster's oldest member.</summary>
    private async Task<(SiloProcess First, SiloProcess Second)> StartTwoSilosAsync()
    {
        var first = _cluster.StartSilo();
        await first.WaitUntilHealthyAsync(StartTimeout);
        var second = _cluster.StartSilo();
        await second.WaitUntilHealthyAsync(StartTimeout);
        return (first, second);
    }

    private static async Task<bool> OutputContainsAsync(SiloProcess silo, string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!silo.Output.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        return true;
    }

    private static async Task<SystemResponse> WaitForSystemAsync(SiloProcess silo, Func<SystemResponse, bool> condition, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(90));
        SystemResponse? last = null;
        while (!deadline.IsCancellationRequested)
        {
            try
            {
                last = await silo.Http.GetFromJsonAsync<SystemResponse>(new Uri("api/system", UriKind.Relative), deadline.Token);
                if (last is not null && condition(last))
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                // A grain call may fail while membership settles after a silo leaves; ask again.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None);
        }

        throw new TimeoutException($"/api/system never matched; last answer: {last}{Environment.NewLine}{silo.Output}");
    }
}
