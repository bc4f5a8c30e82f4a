using SmeAi.Abstractions.Entities;
using SmeAi.Abstractions.Outputs;
using SmeAi.Silo.Security;

namespace SmeAi.Silo.Apis;

/// <summary>
/// Right to erasure, behind the API key: <c>DELETE /api/customers/{id}</c>, <c>/api/risk/{id}</c>, <c>/api/machines/{id}</c>
/// clear the entity's grain state, its training samples and its stored alerts, and answer with what was removed.
/// </summary>
internal static class EntityErasureApi
{
    private const string Caveat =
        " Kafka's input topics are not changed: the erased events stay there until topic retention drops them, but are not"
        + " applied again if redelivered; a later event for the id starts a new, empty entity.";

    public static IEndpointRouteBuilder MapEntityErasureApi(this IEndpointRouteBuilder app)
    {
        app.MapDelete("/api/customers/{id}", (string id, IGrainFactory grains, IAlertStore alerts, CancellationToken ct) =>
                EraseAsync(id, AlertDomains.Churn, () => grains.GetGrain<ICustomerGrain>(id).EraseAsync(), alerts, ct))
            .WithName("EraseCustomer").WithTags("Entities").RequireApiKey()
            .WithSummary("Erases a customer: grain state, churn training samples and stored alerts." + Caveat);
        app.MapDelete("/api/risk/{id}", (string id, IGrainFactory grains, IAlertStore alerts, CancellationToken ct) =>
                EraseAsync(id, AlertDomains.Security, () => grains.GetGrain<IRiskMonitorGrain>(id).EraseAsync(), alerts, ct))
            .WithName("EraseRiskSubject").WithTags("Entities").RequireApiKey()
            .WithSummary("Erases a security subject: grain state, security-anomaly training samples and stored alerts." + Caveat);
        app.MapDelete("/api/machines/{id}", (string id, IGrainFactory grains, IAlertStore alerts, CancellationToken ct) =>
                EraseAsync(id, AlertDomains.Equipment, () => grains.GetGrain<IMachineGrain>(id).EraseAsync(), alerts, ct))
            .WithName("EraseMachine").WithTags("Entities").RequireApiKey()
            .WithSummary("Erases a machine: grain state, anomaly-model training samples and stored alerts." + Caveat);
        return app;
    }

    /// <summary>The grain first: it waits for its alerts already on their way to the store, so the deletion catches them.</summary>
    private static async Task<IResult> EraseAsync(
        string id, string domain, Func<Task<EntityErasure>> eraseGrain, IAlertStore alerts, CancellationToken cancellationToken)
    {
        if (EntitiesApi.RejectInvalidId(id) is { } rejection)
        {
            return rejection;
        }

        var erasure = await eraseGrain();
        var alertsRemoved = await alerts.DeleteEntityAsync(domain, id, cancellationToken);
        return TypedResults.Ok(new ErasureResponse(erasure.EntityId, true, erasure.EventsForgotten, alertsRemoved, erasure.TrainingSamplesRemoved));
    }

    internal sealed record ErasureResponse(string EntityId, bool StateCleared, long EventsForgotten, int AlertsRemoved, int TrainingSamplesRemoved);
}
