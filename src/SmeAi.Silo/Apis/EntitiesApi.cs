using SmeAi.Abstractions.Entities;
using SmeAi.Abstractions.Outputs;

namespace SmeAi.Silo.Apis;

/// <summary><c>GET /api/machines/{id}</c>, <c>/api/customers/{id}</c>, <c>/api/risk/{id}</c>: one entity's state.</summary>
internal static class EntitiesApi
{
    public static IEndpointRouteBuilder MapEntitiesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/machines/{id}", async (string id, IGrainFactory grains) =>
            await GetAsync(id, () => grains.GetGrain<IMachineGrain>(id).GetSnapshotAsync(), s => new MachineResponse(s.EntityId, s.EventsProcessed, s.LastEventTs, s.LastScore, s.ModelName, s.ModelVersion, s.OpenAlert, s.RecentScores)))
            .WithName("GetMachine").WithTags("Entities");
        app.MapGet("/api/customers/{id}", async (string id, IGrainFactory grains) =>
            await GetAsync(id, () => grains.GetGrain<ICustomerGrain>(id).GetSnapshotAsync(), s => new CustomerResponse(s.EntityId, s.EventsProcessed, s.LastEventTs, s.LastScore, s.ModelName, s.ModelVersion, s.OpenAlert, s.RecentScores)))
            .WithName("GetCustomer").WithTags("Entities");
        app.MapGet("/api/risk/{id}", async (string id, IGrainFactory grains) =>
            await GetAsync(id, () => grains.GetGrain<IRiskMonitorGrain>(id).GetSnapshotAsync(), s => new RiskResponse(s.EntityId, s.EventsProcessed, s.LastEventTs, s.LastScore, s.ModelName, s.ModelVersion, s.OpenAlert, s.RecentScores)))
            .WithName("GetRiskSubject").WithTags("Entities");
        return app;
    }

    private static async Task<IResult> GetAsync<T>(string id, Func<Task<EntitySnapshot>> read, Func<EntitySnapshot, T> shape)
    {
        if (id.Length > 128 || id.Any(char.IsControl))
        {
            return TypedResults.Problem("Entity ids are at most 128 characters without control characters.", statusCode: StatusCodes.Status400BadRequest);
        }

        return TypedResults.Ok(shape(await read()));
    }

    internal sealed record MachineResponse(
        string MachineId, long EventsProcessed, DateTimeOffset? LastEventTs, double? LastScore, string? ModelName, int ModelVersion, Alert? OpenAlert, IReadOnlyList<ScorePoint> RecentScores);

    internal sealed record CustomerResponse(
        string CustomerId, long EventsProcessed, DateTimeOffset? LastEventTs, double? LastScore, string? ModelName, int ModelVersion, Alert? OpenAlert, IReadOnlyList<ScorePoint> RecentScores);

    internal sealed record RiskResponse(
        string SubjectId, long EventsProcessed, DateTimeOffset? LastEventTs, double? LastScore, string? ModelName, int ModelVersion, Alert? OpenAlert, IReadOnlyList<ScorePoint> RecentScores);
}
