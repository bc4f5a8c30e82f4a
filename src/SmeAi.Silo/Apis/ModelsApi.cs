using Microsoft.Extensions.Options;
using SmeAi.Abstractions.Models;
using SmeAi.Abstractions.Training;
using SmeAi.Silo.Security;

namespace SmeAi.Silo.Apis;

/// <summary><c>/api/models</c>: the model registry, and promote/rollback behind the API key.</summary>
internal static partial class ModelsApi
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

    /// <summary>
    /// Trains now on the samples the trainer holds. A training that ends within <see cref="ApiOptions.RetrainWait"/> is
    /// answered with its outcome (published, promoted, why); a longer one with 202 Accepted and where to read its outcome,
    /// so the answer never depends on how long training takes. The trainer grain is reentrant and trains on its own
    /// threads, so it goes on when this call stops waiting.
    /// </summary>
    private static async Task<IResult> RetrainAsync(
        string name, IGrainFactory grains, IOptions<ApiOptions> options, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var trainer = grains.GetGrain<ITrainerGrain>(name);
        var before = await trainer.GetStatusAsync();
        var training = trainer.RetrainAsync("requested through the API");
        var wait = options.Value.RetrainWait;
        if (wait > TimeSpan.Zero)
        {
            using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(training, Task.Delay(wait, time, stopWaiting.Token));
            await stopWaiting.CancelAsync();
            if (training.IsCompleted && !await OrleansGaveUpWhileTrainingAsync(training, trainer))
            {
                // The outcome, or the call's failure (answered by ApiExceptionHandler).
                return TypedResults.Ok(await training);
            }
        }

        // The call ends on its own later, with the outcome or Orleans' timeout; nobody waits for it any more.
        var logger = loggers.CreateLogger(typeof(ModelsApi).FullName!);
        _ = training.ContinueWith(
            static (call, state) => LogUnawaitedRetrainEnded((ILogger)state!, call.Exception?.InnerException),
            logger, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        var status = $"/api/models/{Uri.EscapeDataString(name)}";
        return TypedResults.Accepted(status, new RetrainAccepted(
            name,
            status,
            before.LastOutcome?.FinishedAt,
            $"The training of {name} goes on in the silo. Its outcome becomes trainer.lastOutcome under GET {status}: "
            + "the first one with a finishedAt later than previousFinishedAt (trainer.training is false once it is done)."));
    }

    /// <summary>Orleans stopped waiting (its response timeout) while the trainer still trains: the training is not lost.</summary>
    private static async Task<bool> OrleansGaveUpWhileTrainingAsync(Task<TrainingOutcome> call, ITrainerGrain trainer) =>
        call.Exception?.InnerException is TimeoutException && (await trainer.GetStatusAsync()).Training;

    internal sealed record PromoteRequest(int Version);

    /// <summary>The 202 answer of retrain: where to read the outcome, and how to tell it from the one before.</summary>
    /// <param name="PreviousFinishedAt">finishedAt of the trainer's last outcome before this request (null: none yet).</param>
    internal sealed record RetrainAccepted(string ModelName, string StatusPath, DateTimeOffset? PreviousFinishedAt, string Detail);

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

    /// <summary>With an exception when Orleans stopped waiting (its response timeout); the trainer logs the training itself.</summary>
    [LoggerMessage(EventId = 4120, Level = LogLevel.Debug, Message = "A retrain call answered with 202 has ended")]
    private static partial void LogUnawaitedRetrainEnded(ILogger logger, Exception? exception);
}
