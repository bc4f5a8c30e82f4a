using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SmeAi.Abstractions.Outputs;

namespace SmeAi.Silo.Apis;

/// <summary><c>GET /api/alerts</c> (stored alerts, newest first) and <c>GET /api/alerts/stream</c> (live, server-sent events).</summary>
internal static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup("/api/alerts").WithTags("Alerts");
        alerts.MapGet("/", ListAsync).WithName("ListAlerts")
            .WithDescription(
                $"Stored alerts, newest first by raise time, each with its current status (clearedAt once cleared). domain: {string.Join("|", AlertDomains.All)}; "
                + $"since: ISO-8601 time; status: {string.Join("|", AlertQuery.Statuses)}; limit: 1..{AlertQuery.MaxLimit} (default {AlertQuery.DefaultLimit}).");
        alerts.MapGet("/stream", Stream).WithName("StreamAlerts")
            .WithDescription("Server-sent events: one 'data:' line of alert JSON per alert as it is raised or cleared, heartbeat comments in between. Optional domain filter.");
        return app;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, [FromServices] IAlertStore store, CancellationToken cancellationToken)
    {
        if (!AlertQuery.TryParse(request.Query, out var query, out var error))
        {
            return BadQuery(error);
        }

        var alerts = await store.QueryAsync(query.Domain, query.Since, query.Status, query.Limit, cancellationToken);
        return TypedResults.Ok(alerts);
    }

    private static IResult Stream(HttpRequest request)
    {
        if (!AlertQuery.TryParse(request.Query, out var query, out var error))
        {
            return BadQuery(error);
        }

        if (query.Status is not null)
        {
            return BadQuery("status filters the stored alerts (GET /api/alerts); the stream sends each raise and clear as it happens.");
        }

        return new AlertEventStream(query.Domain);
    }

    private static ProblemHttpResult BadQuery(string? error) =>
        TypedResults.Problem(error, statusCode: StatusCodes.Status400BadRequest);
}
