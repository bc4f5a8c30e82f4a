using SmeAi.Abstractions.Entities;
using SmeAi.Abstractions.Outputs;
using SmeAi.Silo.Privacy;

namespace SmeAi.Silo.Apis;

/// <summary>
/// <c>GET /api/machines/{id}</c>, <c>/api/customers/{id}</c>, <c>/api/risk/{id}</c>: one entity's state, with <c>found</c>
/// false for an id that has no events; <c>DELETE</c> on the same paths erases it (<see cref="EntityErasureApi"/>).
/// </summary>
internal static class EntitiesApi
{
    public static IEndpointRouteBuilder MapEntitiesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/machines/{id}", (string id, IGrainFactory grains, Pseudonymiser pseudonyms) =>
                GetAsync(id, pseudonyms, key => grains.GetGrain<IMachineGrain>(key).GetSnapshotAsync(), s => new MachineResponse(s.EntityId, Found(s), s.EventsProcessed, s.LastEventTs, s.LastScore, s.ModelName, s.ModelVersion, s.OpenAlert, s.RecentScores, s.FailureRisk)))
            .WithName("GetMachine").WithTags("Entities");
        app.MapGet("/api/customers/{id}", (string id, IGrainFactory grains, Pseudonymiser pseudonyms) =>
                GetAsync(id, pseudonyms, key => grains.GetGrain<ICustomerGrain>(key).GetSnapshotAsync(), s => new CustomerResponse(s.EntityId, Found(s), s.EventsProcessed, s.LastEventTs, s.LastScore, s.ModelName, s.ModelVersion, s.OpenAlert, s.RecentScores)))
            .WithName("GetCustomer").WithTags("Entities");
        app.MapGet("/api/risk/{id}", (string id, IGrainFactory grains, Pseudonymiser pseudonyms) =>
                GetAsync(id, pseudonyms, key => grains.GetGrain<IRiskMonitorGrain>(key).GetSnapshotAsync(), s => new RiskResponse(s.EntityId, Found(s), s.EventsProcessed, s.LastEventTs, s.LastScore, s.ModelName, s.ModelVersion, s.OpenAlert, s.RecentScores)))
            .WithName("GetRiskSubject").WithTags("Entities");
        return app.MapEntityErasureApi();
    }

    /// <summary>The id is looked up under the key ingestion keeps it by (its pseudonym when privacy is on).</summary>
    private static async Task<IResult> GetAsync<T>(string id, Pseudonymiser pseudonyms, Func<string, Task<EntitySnapshot>> read, Func<EntitySnapshot, T> shape)
    {
        return RejectInvalidId(id) ?? TypedResults.Ok(shape(await read(pseudonyms.EntityKey(id))));
    }

    /// <summary>An entity exists once it has applied an event; an id never seen (or erased) has an empty grain.</summary>
    private static bool Found(EntitySnapshot snapshot) => snapshot.EventsProcessed > 0;

    /// <summary>
    /// A 400 answer for an id no entity can have (ingestion rejects white-space ids too, and Orleans refuses them as grain
    /// keys, which was a 500), null for a valid one.
    /// </summary>
    internal static IResult? RejectInvalidId(string id) =>
        string.IsNullOrWhiteSpace(id) || id.Length > 128 || id.Any(char.IsControl)
            ? TypedResults.Problem("Entity ids are 1 to 128 characters, not only white space, without control characters.", statusCode: StatusCodes.Status400BadRequest)
            : null;

    internal sealed record MachineResponse(
        string MachineId, bool Found, long EventsProcessed, DateTimeOffset? LastEventTs, double? LastScore, string? ModelName, int ModelVersion, Alert? OpenAlert, IReadOnlyList<ScorePoint> RecentScores, FailureRisk? FailureRisk);

    internal sealed record CustomerResponse(
        string CustomerId, bool Found, long EventsProcessed, DateTimeOffset? LastEventTs, double? LastScore, string? ModelName, int ModelVersion, Alert? OpenAlert, IReadOnlyList<ScorePoint> RecentScores);

    internal sealed record RiskResponse(
        string SubjectId, bool Found, long EventsProcessed, DateTimeOffset? LastEventTs, double? LastScore, string? ModelName, int ModelVersion, Alert? OpenAlert, IReadOnlyList<ScorePoint> RecentScores);
}
