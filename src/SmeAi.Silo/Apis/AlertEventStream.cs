using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Features;
using Orleans.Streams;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events.Validation;
using SmeAi.Abstractions.Outputs;

namespace SmeAi.Silo.Apis;

/// <summary>
/// <c>GET /api/alerts/stream</c>: one HTTP client's subscription to the Orleans alert stream, written as server-sent
/// events (<c>data: {alert JSON}</c>) with a comment line every <see cref="HeartbeatInterval"/> so proxies and the
/// browser keep the connection; the subscription ends when the client goes away or the silo stops. At most
/// <see cref="ApiOptions.MaxAlertStreams"/> run at once per silo; beyond that the answer is 503.
/// </summary>
internal sealed partial class AlertEventStream(string? domain) : IResult
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);

    /// <summary>A client that stops reading loses its oldest alerts rather than holding silo memory.</summary>
    private const int MaxPendingFrames = 512;

    private const string HeartbeatFrame = ": heartbeat\n\n";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var slots = httpContext.RequestServices.GetRequiredService<AlertStreamSlots>();
        if (!slots.TryTake())
        {
            httpContext.Response.Headers.RetryAfter = "30";
            await TypedResults.Problem(
                $"This silo already serves its {slots.Capacity} live alert streams (Api:MaxAlertStreams). Close another stream, "
                + "try again later, or poll GET /api/alerts instead.",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Too many live alert streams").ExecuteAsync(httpContext);
            return;
        }

        try
        {
            await StreamAsync(httpContext);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task StreamAsync(HttpContext httpContext)
    {
        var services = httpContext.RequestServices;
        var client = services.GetRequiredService<IClusterClient>();
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILogger<AlertEventStream>>();
        // The silo stopping ends the stream too; otherwise an open dashboard would hold up shutdown until it times out.
        var lifetime = services.GetRequiredService<IHostApplicationLifetime>();
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, lifetime.ApplicationStopping);
        var aborted = ended.Token;

        var frames = Channel.CreateBounded<string>(new BoundedChannelOptions(MaxPendingFrames)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        var stream = client.GetStreamProvider(StreamNames.AlertProvider)
            .GetStream<Alert>(StreamId.Create(StreamNames.Alerts, StreamNames.AllAlertsKey));
        var subscription = await stream.SubscribeAsync((alert, _) =>
        {
            if (domain is null || alert.Domain == domain)
            {
                frames.Writer.TryWrite(DataFrame(alert));
            }

            return Task.CompletedTask;
        });
        LogSubscribed(logger, httpContext.Connection.Id, domain ?? "all");

        try
        {
            using var heartbeat = time.CreateTimer(_ => frames.Writer.TryWrite(HeartbeatFrame), null, HeartbeatInterval, HeartbeatInterval);
            await WriteFramesAsync(httpContext, frames.Reader, aborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client went away; nothing to answer.
        }
        finally
        {
            await UnsubscribeAsync(subscription, logger, httpContext.Connection.Id);
        }
    }

    private static async Task WriteFramesAsync(HttpContext httpContext, ChannelReader<string> frames, CancellationToken cancellationToken)
    {
        var response = httpContext.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        // The first bytes open the browser's EventSource at once; retry tells it how soon to reconnect.
        await response.WriteAsync(": connected\nretry: 3000\n\n", Encoding.UTF8, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
        await foreach (var frame in frames.ReadAllAsync(cancellationToken))
        {
            await response.WriteAsync(frame, Encoding.UTF8, cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
        }
    }

    /// <summary>JSON never contains a raw newline, so one <c>data:</c> line carries the whole alert.</summary>
    private static string DataFrame(Alert alert) => $"data: {JsonSerializer.Serialize(alert, EventJson.Options)}\n\n";

    private static async Task UnsubscribeAsync(StreamSubscriptionHandle<Alert> subscription, ILogger logger, string connectionId)
    {
        try
        {
            await subscription.UnsubscribeAsync();
            LogUnsubscribed(logger, connectionId);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The silo may be stopping; the stream provider drops subscribers it cannot reach.
            LogUnsubscribeFailed(logger, connectionId, ex);
        }
    }

    [LoggerMessage(EventId = 5301, Level = LogLevel.Debug, Message = "Alert stream client {ConnectionId} subscribed (domain {Domain})")]
    private static partial void LogSubscribed(ILogger logger, string connectionId, string domain);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Debug, Message = "Alert stream client {ConnectionId} unsubscribed")]
    private static partial void LogUnsubscribed(ILogger logger, string connectionId);

    [LoggerMessage(EventId = 5303, Level = LogLevel.Warning, Message = "Could not unsubscribe alert stream client {ConnectionId}")]
    private static partial void LogUnsubscribeFailed(ILogger logger, string connectionId, Exception exception);
}
