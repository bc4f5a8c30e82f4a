using SmeAi.Abstractions.Entities;
using SmeAi.Abstractions.Outputs;

namespace SmeAi.Silo.Apis;

/// <summary>
/// <c>GET /api/machines/{id}</c>, <c>/api/customers/{id}</c>, <c>/api/risk/{id}</c>: one entity's state; <c>DELETE</c> on the
/// same paths erases it (<see cref="EntityErasureApi"/>).
/// </summary>
internal static class EntitiesApi
{
    public static IEndpointRouteBuilder MapEntitiesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/machines/{id}", async (string id, IGrainFactory grains) =>
            await GetAsync(id, () => grains.GetGrain<IMachineGrain>(id).GetSnapshotAsync(), s => new MachineResponse(s.EntityId, s.EventsProcessed, s.LastEventTs, s.LastScore, s.ModelName, s.ModelVersion, s.OpenAlert, s.RecentScores, s.FailureRisk)))
            .WithName("GetMachine").WithTags("Entities");
        app.MapGet("/api/customers/{id}", async (string id, IGrainFactory grains) =>
            await GetAsync(id, () => grains.GetGrain<ICustomerGrain>(id).GetSnapshotAsync(), s => new CustomerResponse(s.EntityId, s.EventsProcessed, s.LastEventTs, s.LastScore, s.ModelName, s.ModelVersion, s.OpenAlert, s.RecentScores)))
            .WithName("GetCustomer").WithTags("Entities");
        app.MapGet("/api/risk/{id}", async (string id, IGrainFactory grains) =>
            await GetAsync(id, () => grains.GetGrain<IRiskMonitorGrain>(id).GetSnapshotAsync(), s => new RiskResponse(s.EntityId, s.EventsProcessed, s.LastEventTs, s.LastScore, s.ModelName, s.ModelVersion, s.OpenAlert, s.RecentScores)))
            .WithName("GetRiskSubject").WithTags("Entities");
        return app.MapEntityErasureApi();
    }

    private static async Task<IResult> GetAsync<T>(string id, Func<Task<EntitySnapshot>> read, Func<EntitySnapshot, T> shape)
    {
        return RejectInvalidId(id) ?? TypedResults.Ok(shape(await read()));
    }

    /// <summary>A 400 answer for an id no entity can have, null for a valid one.</summary>
    internal static IResult? RejectInvalidId(string id) =>
        id.Length is 0 or > 128 || id.Any(char.IsControl)
            ? TypedResults.Problem("Entity ids are 1 to 128 characters without control characters.", statusCode: StatusCodes.Status400BadRequest)
            : null;

    internal sealed record MachineResponse(
        string MachineId, long EventsProcessed, DateTimeOffset? LastEventTs, double? LastScore, string? ModelName, int ModelVersion, Alert? OpenAlert, IReadOnlyList<ScorePoint> RecentScores, FailureRisk? FailureRisk);

    internal sealed record CustomerResponse(
        string CustomerId, long EventsProcessed, DateTimeOffset? LastEventTs, double? LastScore, string? ModelName, int ModelVersion, Alert? OpenAlert, IReadOnlyList<ScorePoint> RecentScores);

    internal sealed record RiskResponse(
        string SubjectId, long EventsProcessed, DateTimeOffset? LastEventTs, double? LastScore, string? ModelName, int ModelVersion, Alert? OpenAlert, IReadOnlyList<ScorePoint> RecentScores);
}
