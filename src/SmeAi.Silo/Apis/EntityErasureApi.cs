using SmeAi.Abstractions;
using SmeAi.Abstractions.Entities;
using SmeAi.Abstractions.Outputs;
using SmeAi.Silo.Privacy;
using SmeAi.Silo.Security;

namespace SmeAi.Silo.Apis;

/// <summary>
/// Right to erasure, behind the API key: <c>DELETE /api/customers/{id}</c>, <c>/api/risk/{id}</c>, <c>/api/machines/{id}</c>
/// clear the entity's grain state, its training samples and its stored alerts, and answer with what was removed
/// (<c>found</c> false when there was nothing: an unknown or already erased id answers 200 too, so a repeated erasure is
/// not an error).
/// </summary>
internal static class EntityErasureApi
{
    /// <summary>What erasure cannot reach: Kafka keeps what it holds until each topic's retention drops it.</summary>
    internal static readonly string Caveat =
        $"Kafka's topics are not changed: the input topics ({string.Join(", ", TopicNames.Inputs)}) keep the erased events,"
        + $" and the output topics {TopicNames.Scores}, {TopicNames.ChurnScores}, {TopicNames.EquipmentAlerts} and {TopicNames.SecurityAlerts}"
        + $" keep the entity's id with its scores and alerts ({TopicNames.DeadLetter} keeps rejected messages as they came),"
        + " until each topic's retention drops them. Erased events are not applied again if redelivered; a later event for the id"
        + " starts a new, empty entity.";

    public static IEndpointRouteBuilder MapEntityErasureApi(this IEndpointRouteBuilder app)
    {
        app.MapDelete("/api/customers/{id}", (string id, IGrainFactory grains, IAlertStore alerts, Pseudonymiser pseudonyms, CancellationToken ct) =>
                EraseAsync(id, pseudonyms, AlertDomains.Churn, key => grains.GetGrain<ICustomerGrain>(key).EraseAsync(), alerts, ct))
            .WithName("EraseCustomer").WithTags("Entities").RequireApiKey()
            .WithSummary("Erases a customer: grain state, churn training samples and stored alerts. " + Caveat);
        app.MapDelete("/api/risk/{id}", (string id, IGrainFactory grains, IAlertStore alerts, Pseudonymiser pseudonyms, CancellationToken ct) =>
                EraseAsync(id, pseudonyms, AlertDomains.Security, key => grains.GetGrain<IRiskMonitorGrain>(key).EraseAsync(), alerts, ct))
            .WithName("EraseRiskSubject").WithTags("Entities").RequireApiKey()
            .WithSummary("Erases a security subject: grain state, security-anomaly training samples and stored alerts. " + Caveat);
        app.MapDelete("/api/machines/{id}", (string id, IGrainFactory grains, IAlertStore alerts, Pseudonymiser pseudonyms, CancellationToken ct) =>
                EraseAsync(id, pseudonyms, AlertDomains.Equipment, key => grains.GetGrain<IMachineGrain>(key).EraseAsync(), alerts, ct))
            .WithName("EraseMachine").WithTags("Entities").RequireApiKey()
            .WithSummary("Erases a machine: grain state, anomaly-model training samples and stored alerts. " + Caveat);
        return app;
    }

    /// <summary>
    /// The grain first: it waits for its alerts already on their way to the store, so the deletion catches them. The id
    /// is erased under the key ingestion keeps it by (its pseudonym when privacy is on). Alerts and training samples are
    /// removed even when the grain holds nothing, since they may outlive state lost before a write.
    /// </summary>
    /// <param name="cancellationToken">The request's: it can stop the erasure only before the grain step.</param>
    internal static async Task<IResult> EraseAsync(
        string id, Pseudonymiser pseudonyms, string domain, Func<string, Task<EntityErasure>> eraseGrain, IAlertStore alerts, CancellationToken cancellationToken)
    {
        if (EntitiesApi.RejectInvalidId(id) is { } rejection)
        {
            return rejection;
        }

        var key = pseudonyms.EntityKey(id);
        cancellationToken.ThrowIfCancellationRequested();
        var erasure = await eraseGrain(key);

        // Once the state is gone the erasure finishes, even for a client that went away: a request repeated later would
        // find nothing to erase in the grain and answer found only because of the alerts left behind.
        var alertsRemoved = await alerts.DeleteEntityAsync(domain, key, CancellationToken.None);
        var stateCleared = erasure.EventsForgotten > 0;
        var found = stateCleared || alertsRemoved > 0 || erasure.TrainingSamplesRemoved > 0;
        return TypedResults.Ok(new ErasureResponse(erasure.EntityId, found, stateCleared, erasure.EventsForgotten, alertsRemoved, erasure.TrainingSamplesRemoved, Caveat));
    }

    /// <param name="Found">Something of the entity was held (state, alerts or samples); false for an id never seen or already erased.</param>
    /// <param name="StateCleared">The grain held state and it was cleared.</param>
    /// <param name="Caveat">Where copies remain that erasure does not reach (Kafka's topics, until their retention).</param>
    internal sealed record ErasureResponse(string EntityId, bool Found, bool StateCleared, long EventsForgotten, int AlertsRemoved, int TrainingSamplesRemoved, string Caveat);
}
