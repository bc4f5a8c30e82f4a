using SmeAi.Abstractions.Models;
using SmeAi.Abstractions.Training;
using SmeAi.Silo.Security;

namespace SmeAi.Silo.Apis;

/// <summary><c>/api/models</c>: the model registry, and promote/rollback behind the API key.</summary>
internal static class ModelsApi
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/api/models").WithTags("Models");
        models.MapGet("/", ListAsync).WithName("ListModels");
        var model = models.MapGroup("/{name}").AddEndpointFilter(ModelNames.RejectInvalidAsync);
        model.MapGet("", DescribeAsync).WithName("GetModel");
        model.MapPost("/promote", PromoteAsync).WithName("PromoteModel").RequireApiKey();
        model.MapPost("/rollback", RollbackAsync).WithName("RollbackModel").RequireApiKey();
        model.MapPost("/retrain", RetrainAsync).WithName("RetrainModel").RequireApiKey();
        return app;
    }

    private static async Task<IReadOnlyList<ModelSummaryResponse>> ListAsync(IGrainFactory grains)
    {
        var names = await grains.GetGrain<IModelCatalogGrain>(0).ListAsync();
        var descriptions = await Task.WhenAll(names.Select(name => grains.GetGrain<IModelGrain>(name).DescribeAsync()));
        return [.. descriptions.Select(d => new ModelSummaryResponse(d.Name, d.CurrentVersion, d.Versions.Count))];
    }

    private static async Task<IResult> DescribeAsync(string name, IGrainFactory grains)
    {
        var description = await grains.GetGrain<IModelGrain>(name).DescribeAsync();
        var trainer = await grains.GetGrain<ITrainerGrain>(name).GetStatusAsync();
        return TypedResults.Ok(ModelResponse.From(description, trainer));
    }

    private static async Task<IResult> PromoteAsync(string name, PromoteRequest? request, IGrainFactory grains)
    {
        if (request is null || request.Version <= 0)
        {
            return TypedResults.Problem("Send {\"version\": N} with N a stored version number.", statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            var info = await grains.GetGrain<IModelGrain>(name).PromoteAsync(request.Version);
            return TypedResults.Ok(ModelVersionResponse.From(info));
        }
        catch (KeyNotFoundException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound);
        }
    }

    private static async Task<IResult> RollbackAsync(string name, IGrainFactory grains)
    {
        try
        {
            var info = await grains.GetGrain<IModelGrain>(name).RollbackAsync();
            return TypedResults.Ok(ModelVersionResponse.From(info));
        }
        catch (InvalidOperationException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }

    /// <summary>Trains now on the samples the trainer holds and answers with what happened (published, promoted, why).</summary>
    private static async Task<IResult> RetrainAsync(string name, IGrainFactory grains)
    {
        var outcome = await grains.GetGrain<ITrainerGrain>(name).RetrainAsync("requested through the API");
        return TypedResults.Ok(outcome);
    }

    internal sealed record PromoteRequest(int Version);

    internal sealed record ModelSummaryResponse(string Name, int CurrentVersion, int StoredVersions);

    /// <param name="Trainer">The model's trainer: samples held, whether it is training now, and its last outcome.</param>
    internal sealed record ModelResponse(string Name, int CurrentVersion, IReadOnlyList<ModelVersionResponse> Versions, TrainerStatus Trainer)
    {
        public static ModelResponse From(ModelDescription description, TrainerStatus trainer) =>
            new(description.Name, description.CurrentVersion, [.. description.Versions.Select(ModelVersionResponse.From)], trainer);
    }

    internal sealed record ModelVersionResponse(
        int Version,
        string Kind,
        string SchemaHash,
        int TrainingRows,
        int HeldOutRows,
        IReadOnlyDictionary<string, double> Metrics,
        DateTimeOffset CreatedAt,
        DateTimeOffset? PromotedAt)
    {
        public static ModelVersionResponse From(ModelVersionInfo info) =>
            new(info.Version, info.Kind, info.SchemaHash, info.TrainingRows, info.HeldOutRows, info.Metrics, info.CreatedAt, info.PromotedAt);
    }
}
