using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SmeAi.Abstractions.Events.Validation;
using SmeAi.Abstractions.Outputs;
using SmeAi.Silo.Outputs;
using SmeAi.Silo.Postgres;
using SmeAi.Testing;

namespace SmeAi.IntegrationTests;

/// <summary>
/// The alerts table behind <c>GET /api/alerts</c> in production: <see cref="PostgresAlertStore"/> on a fresh database
/// with the silo's schema applied, so the SQL itself (dedupe, clears, filters, order, erasure, retention) is what is tested.
/// </summary>
public sealed class PostgresAlertStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private NpgsqlDataSource _dataSource = null!;
    private PostgresAlertStore _store = null!;

    public async Task InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        var database = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync("alerts"));
        var sqlDirectory = Path.Combine(RepositoryPaths.Root, "silo-config", "sql");
        await new PostgresSchemaApplier(database, sqlDirectory, NullLogger<PostgresSchemaApplier>.Instance).ApplyAsync(None);
        _dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        _store = new PostgresAlertStore(_dataSource);
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Fact]
    public async Task An_alert_raised_again_with_the_same_id_is_stored_once_and_keeps_what_was_first_stored()
    {
        var first = Raised("a-1", AlertDomains.Equipment, "m-1", T0, score: 0.91);
        var replayed = first with { Score = 0.5, Severity = "medium" };
        var other = Raised("a-2", AlertDomains.Equipment, "m-2", T0.AddMinutes(1));

        await _store.AddAsync([first, other], None);
        await _store.AddAsync([replayed, other, replayed], None);

        Assert.Equal(2, await CountRowsAsync());
        var stored = await _store.QueryAsync(null, null, null, 100, None);
        Assert.Equal(["a-2", "a-1"], stored.Select(a => a.AlertId));
        Assert.Equal(Json(first), Json(stored[1]));
    }

    [Fact]
    public async Task A_stored_alert_comes_back_whole()
    {
        // Raised at 12:00 in +02:00: the offset is kept in the alert, while the column holds the instant.
        var alert = new Alert(
            "a-whole", AlertDomains.Churn, "c-7", new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.FromHours(2)), 0.8125, "high",
            Alert.StatusOpen, "churn", 3, [new FeatureExplanation("days_since_login", 41, 3.5, 6.25)], ["usage_drop"], "high");

        await _store.AddAsync([alert], None);

        var stored = Assert.Single(await _store.QueryAsync(AlertDomains.Churn, T0, null, 10, None));
        Assert.Equal(Json(alert), Json(stored));
    }

    [Fact]
    public async Task A_clear_marks_its_raise_cleared_once_and_a_replayed_raise_does_not_reopen_it()
    {
        var raised = Raised("a-1", AlertDomains.Equipment, "m-1", T0, score: 0.91);
        var open = Raised("a-2", AlertDomains.Equipment, "m-2", T0.AddMinutes(1));
        await _store.AddAsync([raised, open], None);

        await _store.AddAsync([Cleared(raised, T0.AddMinutes(5))], None);
        // At-least-once delivery: the raise and the clear come again, and a later clear of the same alert.
        await _store.AddAsync([raised, Cleared(raised, T0.AddMinutes(5)), Cleared(raised, T0.AddMinutes(9))], None);

        var stored = await _store.QueryAsync(null, null, null, 100, None);
        Assert.Equal(["a-2", "a-1"], Ids(stored));
        Assert.Equal(Json(open), Json(stored[0]));
        // The raise comes back whole, with the clear's status and time; the time is the instant, in UTC.
        Assert.Equal(Json(raised with { Status = Alert.StatusCleared, ClearedAt = T0.AddMinutes(5) }), Json(stored[1]));
        Assert.Equal(2, await CountRowsAsync());
    }

    [Fact]
    public async Task A_clear_whose_raise_is_not_stored_changes_nothing_and_the_rest_of_its_batch_is_stored()
    {
        var gone = Raised("gone", AlertDomains.Security, "u-1", T0.AddDays(-100));
        var raised = Raised("b-1", AlertDomains.Security, "u-2", T0);

        // A raise retention already removed, and a raise cleared within the same batch.
        await _store.AddAsync([Cleared(gone, T0), raised, Cleared(raised, T0.AddMinutes(2)), Raised("b-2", AlertDomains.Security, "u-3", T0)], None);

        Assert.Equal(2, await CountRowsAsync());
        var stored = await _store.QueryAsync(AlertDomains.Security, null, null, 100, None);
        Assert.Equal([("b-2", Alert.StatusOpen, null), ("b-1", Alert.StatusCleared, (DateTimeOffset?)T0.AddMinutes(2))], stored.Select(a => (a.AlertId, a.Status, a.ClearedAt)));
    }

    [Fact]
    public async Task Queries_filter_by_status_open_or_cleared_with_the_other_filters()
    {
        var cleared = Raised("s-cleared", AlertDomains.Equipment, "m-1", T0.AddMinutes(10));
        await _store.AddAsync(
        [
            Raised("s-open-old", AlertDomains.Equipment, "m-1", T0), cleared, Raised("s-open-new", AlertDomains.Equipment, "m-2", T0.AddMinutes(20)),
            Raised("s-churn", AlertDomains.Churn, "c-1", T0.AddMinutes(30)), Cleared(cleared, T0.AddMinutes(15)),
        ], None);

        Assert.Equal(["s-churn", "s-open-new", "s-open-old"], Ids(await _store.QueryAsync(null, null, Alert.StatusOpen, 100, None)));
        Assert.Equal(["s-open-new"], Ids(await _store.QueryAsync(AlertDomains.Equipment, T0.AddMinutes(5), Alert.StatusOpen, 100, None)));
        Assert.Equal(["s-churn"], Ids(await _store.QueryAsync(null, null, Alert.StatusOpen, 1, None)));
        Assert.Equal(["s-cleared"], Ids(await _store.QueryAsync(null, null, Alert.StatusCleared, 100, None)));
        Assert.Empty(await _store.QueryAsync(AlertDomains.Churn, null, Alert.StatusCleared, 100, None));
    }

    [Fact]
    public async Task Queries_filter_by_domain_and_since_inclusively_come_newest_first_and_stop_at_the_limit()
    {
        await _store.AddAsync(
        [
            Raised("e-0", AlertDomains.Equipment, "m-1", T0),
            Raised("e-1", AlertDomains.Equipment, "m-1", T0.AddMinutes(10)),
            Raised("e-2", AlertDomains.Equipment, "m-2", T0.AddMinutes(20)),
            Raised("e-2b", AlertDomains.Equipment, "m-3", T0.AddMinutes(20)),
            Raised("c-1", AlertDomains.Churn, "c-1", T0.AddMinutes(15)),
            Raised("s-1", AlertDomains.Security, "u-1", T0.AddMinutes(30)),
        ], None);

        // since 11:10 at +01:00 is 10:10 UTC: e-1 is exactly at it and counts.
        var since = new DateTimeOffset(2026, 12, 4, 11, 10, 0, TimeSpan.FromHours(1));
        Assert.Equal(["e-2b", "e-2", "e-1"], Ids(await _store.QueryAsync(AlertDomains.Equipment, since, null, 100, None)));
        Assert.Equal(["s-1", "e-2b", "e-2", "c-1", "e-1", "e-0"], Ids(await _store.QueryAsync(null, null, null, 100, None)));
        Assert.Equal(["s-1", "e-2b"], Ids(await _store.QueryAsync(null, null, null, 2, None)));
        Assert.Equal(["c-1"], Ids(await _store.QueryAsync(AlertDomains.Churn, null, null, 100, None)));
        Assert.Empty(await _store.QueryAsync(AlertDomains.Security, T0.AddHours(1), null, 100, None));
    }

    [Fact]
    public async Task Erasing_an_entity_removes_its_alerts_in_that_domain_and_nothing_else()
    {
        await _store.AddAsync(
        [
            Raised("m1-a", AlertDomains.Equipment, "x-1", T0),
            Raised("m1-b", AlertDomains.Equipment, "x-1", T0.AddHours(1)),
            Raised("m2-a", AlertDomains.Equipment, "x-2", T0),
            Raised("u1-a", AlertDomains.Security, "x-1", T0),
        ], None);

        var removed = await _store.DeleteEntityAsync(AlertDomains.Equipment, "x-1", None);
        var again = await _store.DeleteEntityAsync(AlertDomains.Equipment, "x-1", None);

        Assert.Equal(2, removed);
        Assert.Equal(0, again);
        Assert.Equal(["u1-a", "m2-a"], Ids(await _store.QueryAsync(null, null, null, 100, None)));
        Assert.Equal(2, await CountRowsAsync());
    }

    [Fact]
    public async Task Retention_removes_alerts_older_than_the_cutoff_and_keeps_the_one_at_it()
    {
        await _store.AddAsync(
        [
            Raised("old-2", AlertDomains.Equipment, "m-1", T0.AddDays(-2)),
            Raised("old-1", AlertDomains.Churn, "c-1", T0.AddDays(-1).AddTicks(-10)),
            Raised("at-cutoff", AlertDomains.Security, "u-1", T0.AddDays(-1)),
            Raised("new", AlertDomains.Equipment, "m-1", T0),
        ], None);

        // The cutoff in another offset is the same instant.
        var removed = await _store.DeleteOlderThanAsync(T0.AddDays(-1).ToOffset(TimeSpan.FromHours(-5)), None);

        Assert.Equal(2, removed);
        Assert.Equal(["new", "at-cutoff"], Ids(await _store.QueryAsync(null, null, null, 100, None)));
        Assert.Equal(0, await _store.DeleteOlderThanAsync(T0.AddDays(-1), None));
    }

    private static Alert Raised(string id, string domain, string entityId, DateTimeOffset ts, double score = 0.9) =>
        new(id, domain, entityId, ts, score, "high", Alert.StatusOpen, domain + "-model", 1,
            [new FeatureExplanation("a", 1.5, 0.5, 4)], [], null);

    /// <summary>The clear of <paramref name="raised"/> as the grain emits it: same id, the clearing score's time and score.</summary>
    private static Alert Cleared(Alert raised, DateTimeOffset ts) => raised with { Ts = ts, Score = 0.2, Status = Alert.StatusCleared };

    private static string[] Ids(IEnumerable<Alert> alerts) => [.. alerts.Select(a => a.AlertId)];

    private static string Json(Alert alert) => JsonSerializer.Serialize(alert, EventJson.Options);

    private async Task<long> CountRowsAsync()
    {
        await using var count = _dataSource.CreateCommand("SELECT count(*) FROM alerts");
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
