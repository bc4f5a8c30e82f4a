using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Orleans.Runtime;
using Orleans.Storage;
using SmeAi.Silo.Outputs;

namespace SmeAi.IntegrationTests;

/// <summary>
/// What a caller sees when a dependency of an endpoint fails: a problem answer with a status that says whether to retry,
/// never an empty 500, and nothing of the exception (message, stack, connection details) in the body.
/// </summary>
public sealed class ApiFailureTests(AlertsApiHost host) : IClassFixture<AlertsApiHost>, IDisposable
{
    private const string Secret = "Host=10.9.8.7;Password=hunter2";

    public static TheoryData<string, HttpStatusCode, string> Failures => new()
    {
        { "database", HttpStatusCode.ServiceUnavailable, "The database is unavailable" },
        { "silo", HttpStatusCode.ServiceUnavailable, "The Orleans cluster is unavailable" },
        { "outputs", HttpStatusCode.ServiceUnavailable, "The output topics are unavailable" },
        { "alert store", HttpStatusCode.ServiceUnavailable, "The alert store is unavailable" },
        { "timeout", HttpStatusCode.GatewayTimeout, "The cluster did not answer in time" },
        { "conflict", HttpStatusCode.Conflict, "The state changed meanwhile" },
        { "bug", HttpStatusCode.InternalServerError, "Unexpected error" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_failing_dependency_answers_a_problem_with_a_clear_title_and_no_exception_details(string failure, HttpStatusCode expected, string title)
    {
        host.Store.FailWith = failure switch
        {
            "database" => new NpgsqlException($"Failed to connect to {Secret}"),
            "silo" => new SiloUnavailableException($"The target silo became unavailable ({Secret})"),
            "outputs" => new KafkaOutputException($"Kafka refused an output record ({Secret})"),
            "alert store" => new AlertStoreUnavailableException($"The alert store did not take the alerts ({Secret})"),
            "timeout" => new TimeoutException($"Response did not arrive on time ({Secret})"),
            "conflict" => new InconsistentStateException($"Version conflict writing to {Secret}", "7", "8"),
            _ => new InvalidOperationException($"internal state broken ({Secret})"),
        };

        using var response = await host.Http.GetAsync(new Uri("api/alerts", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_the_dependency_is_back_the_same_request_succeeds()
    {
        host.Store.FailWith = new NpgsqlException("down");
        using var failed = await host.Http.GetAsync(new Uri("api/alerts", UriKind.Relative));
        host.Store.FailWith = null;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal("5", failed.Headers.RetryAfter?.ToString());
        Assert.NotNull(await host.Http.GetFromJsonAsync<JsonElement[]>(new Uri("api/alerts", UriKind.Relative)));
    }

    public void Dispose() => host.Store.FailWith = null;
}
