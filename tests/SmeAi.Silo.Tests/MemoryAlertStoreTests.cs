using Microsoft.Extensions.Options;
using SmeAi.Abstractions.Outputs;
using SmeAi.Silo.Outputs;

namespace SmeAi.Silo.Tests;

/// <summary>Embedded mode's alert store, as <c>GET /api/alerts</c> and the retention sweep use it.</summary>
public sealed class MemoryAlertStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Past_its_capacity_the_store_forgets_the_alerts_it_received_first()
    {
        var store = Store(capacity: 3);

        // Received out of event-time order: what goes is what came first, not what is oldest by event time.
        await store.AddAsync([Alert("a", T0.AddHours(4)), Alert("b", T0)], CancellationToken.None);
        await store.AddAsync([Alert("c", T0.AddHours(1)), Alert("d", T0.AddHours(2)), Alert("e", T0.AddHours(3))], CancellationToken.None);

        Assert.Equal(["e", "d", "c"], await IdsAsync(store, limit: 10));

        // A forgotten id is not remembered either: received again, it is stored again (and pushes out the next first one).
        await store.AddAsync([Alert("a", T0.AddHours(4))], CancellationToken.None);
        Assert.Equal(["a", "e", "d"], await IdsAsync(store, limit: 10));
    }

    [Fact]
    public async Task An_alert_id_already_stored_is_ignored_and_takes_no_room()
    {
        var store = Store(capacity: 2);
        await store.AddAsync([Alert("a", T0) with { Score = 0.7 }, Alert("b", T0.AddMinutes(1))], CancellationToken.None);

        // A replayed tail raises the same alert again, in a later batch and twice in one.
        await store.AddAsync([Alert("a", T0) with { Score = 0.9 }], CancellationToken.None);
        Assert.Equal([("b", 0.93), ("a", 0.7)], (await store.QueryAsync(null, null, null, 10, CancellationToken.None)).Select(a => (a.AlertId, a.Score)));
        await store.AddAsync([Alert("c", T0.AddMinutes(2)), Alert("c", T0.AddMinutes(2)) with { Score = 0.9 }], CancellationToken.None);

        var stored = await store.QueryAsync(null, null, null, 10, CancellationToken.None);
        Assert.Equal([("c", 0.93), ("b", 0.93)], stored.Select(a => (a.AlertId, a.Score)));
    }

    [Fact]
    public async Task Queries_answer_newest_first_with_equal_times_by_descending_id_filtered_by_domain_and_inclusive_since_up_to_the_limit()
    {
        var store = Store(capacity: 100);
        await store.AddAsync(
            [
                Alert("m-1", T0), Alert("m-3", T0), Alert("m-2", T0), Alert("old", T0.AddSeconds(-1)), Alert("new", T0.AddHours(1)),
                Alert("churn", T0.AddHours(2), AlertDomains.Churn),
            ],
            CancellationToken.None);

        Assert.Equal(["churn", "new", "m-3", "m-2", "m-1", "old"], await IdsAsync(store, limit: 10));
        Assert.Equal(["new", "m-3", "m-2", "m-1"], await IdsAsync(store, limit: 10, AlertDomains.Equipment, since: T0));
        Assert.Equal(["new", "m-3"], await IdsAsync(store, limit: 2, AlertDomains.Equipment));
        Assert.Empty(await IdsAsync(store, limit: 10, AlertDomains.Security));
    }

    [Fact]
    public async Task Deletes_remove_one_entitys_alerts_or_those_older_than_the_cutoff_and_say_how_many()
    {
        var store = Store(capacity: 100);
        await store.AddAsync(
            [Alert("a1", T0, entity: "m-a"), Alert("a2", T0.AddHours(1), entity: "m-a"), Alert("b1", T0, entity: "m-b"), Alert("c1", T0.AddHours(2), AlertDomains.Churn, "m-a")],
            CancellationToken.None);

        Assert.Equal(2, await store.DeleteEntityAsync(AlertDomains.Equipment, "m-a", CancellationToken.None));
        Assert.Equal(1, await store.DeleteOlderThanAsync(T0.AddHours(2), CancellationToken.None));
        Assert.Equal(["c1"], await IdsAsync(store, limit: 10));

        // Removed ids may come back (a replay after erasure is new input).
        await store.AddAsync([Alert("a1", T0, entity: "m-a")], CancellationToken.None);
        Assert.Equal(["c1", "a1"], await IdsAsync(store, limit: 10));
    }

    [Fact]
    public async Task A_clear_marks_its_raise_cleared_once_and_neither_a_replayed_raise_nor_a_clear_without_a_raise_changes_anything()
    {
        var store = Store(capacity: 2);
        var raised = Alert("a", T0);
        await store.AddAsync([raised, Alert("b", T0.AddMinutes(1))], CancellationToken.None);

        // The clear carries the raise's id, its own event time and score.
        await store.AddAsync([Cleared(raised, T0.AddMinutes(5))], CancellationToken.None);
        // At-least-once delivery: the raise and the clear come again, a later clear too; and a clear whose raise is not held.
        await store.AddAsync([raised, Cleared(raised, T0.AddMinutes(5)), Cleared(raised, T0.AddMinutes(9)), Cleared(Alert("gone", T0), T0.AddMinutes(2))], CancellationToken.None);

        var stored = await store.QueryAsync(null, null, null, 10, CancellationToken.None);
        Assert.Equal(["b", "a"], stored.Select(a => a.AlertId));
        Assert.Equal((Abstractions.Outputs.Alert.StatusOpen, (DateTimeOffset?)null), (stored[0].Status, stored[0].ClearedAt));
        // The raise's time and score stay; the clear adds its status and time.
        Assert.Equal((Abstractions.Outputs.Alert.StatusCleared, T0, 0.93, (DateTimeOffset?)T0.AddMinutes(5)), (stored[1].Status, stored[1].Ts, stored[1].Score, stored[1].ClearedAt));
        Assert.Equal(["b"], await IdsAsync(store, limit: 10, status: Abstractions.Outputs.Alert.StatusOpen));
        Assert.Equal(["a"], await IdsAsync(store, limit: 10, status: Abstractions.Outputs.Alert.StatusCleared));

        // The clears took no room: one more raise pushes out only the first.
        await store.AddAsync([Alert("c", T0.AddMinutes(2))], CancellationToken.None);
        Assert.Equal(["c", "b"], await IdsAsync(store, limit: 10));
    }

    [Fact]
    public async Task A_raise_and_its_clear_in_one_batch_leave_the_alert_cleared()
    {
        var store = Store(capacity: 10);
        var raised = Alert("a", T0);

        await store.AddAsync([raised, Cleared(raised, T0.AddMinutes(3))], CancellationToken.None);

        var stored = Assert.Single(await store.QueryAsync(null, null, null, 10, CancellationToken.None));
        Assert.Equal((Abstractions.Outputs.Alert.StatusCleared, (DateTimeOffset?)T0.AddMinutes(3)), (stored.Status, stored.ClearedAt));
    }

    private static MemoryAlertStore Store(int capacity) => new(Options.Create(new OutputOptions { MemoryStoreCapacity = capacity }));

    private static async Task<IReadOnlyList<string>> IdsAsync(
        MemoryAlertStore store, int limit, string? domain = null, DateTimeOffset? since = null, string? status = null) =>
        [.. (await store.QueryAsync(domain, since, status, limit, CancellationToken.None)).Select(a => a.AlertId)];

    internal static Alert Alert(string id, DateTimeOffset ts, string domain = AlertDomains.Equipment, string? entity = null) =>
        new(id, domain, entity ?? $"entity-{id}", ts, 0.93, "high", Abstractions.Outputs.Alert.StatusOpen, "baseline", 0, [], [], null);

    /// <summary>The clear of <paramref name="raised"/> as the grain emits it: same id, the clearing score's time and score.</summary>
    private static Alert Cleared(Alert raised, DateTimeOffset ts) =>
        raised with { Ts = ts, Score = 0.2, Status = Abstractions.Outputs.Alert.StatusCleared };
}
