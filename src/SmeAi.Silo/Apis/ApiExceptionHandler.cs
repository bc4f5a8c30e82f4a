using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Orleans.Runtime;
using Orleans.Storage;
using SmeAi.Silo.Outputs;

namespace SmeAi.Silo.Apis;

/// <summary>
/// Turns what escapes an endpoint into an RFC 9457 problem answer a caller can act on: the cluster or the database
/// being unavailable is 503, a request that does not bind its own 4xx, a grain call that ran out of time 504, a state write that lost to a concurrent one 409,
/// anything else 500. The body says what happened
/// and carries the trace id; the exception itself (message, stack, connection details) goes only to the silo's log.
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
            return true;
        }

        var (status, title, detail) = Classify(exception);
        var path = httpContext.Request.Path.Value ?? "";
        if (status == StatusCodes.Status500InternalServerError)
        {
            LogUnexpected(logger, exception, httpContext.Request.Method, path);
        }
        else if (status < StatusCodes.Status500InternalServerError && exception is BadHttpRequestException)
        {
            LogRejected(logger, httpContext.Request.Method, path, status, exception.Message);
        }
        else
        {
            LogUnavailable(logger, httpContext.Request.Method, path, status, exception.GetType().Name, exception.Message);
        }

        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    internal static (int Status, string Title, string Detail) Classify(Exception exception) => exception switch
    {
        // The caller's request did not bind (malformed JSON, a wrong type, an unsupported content type): its message says
        // which parameter and why, and holds nothing of the silo's.
        BadHttpRequestException badRequest => (
            badRequest.StatusCode,
            "The request is not valid",
            badRequest.Message),
        TimeoutException => (
            StatusCodes.Status504GatewayTimeout,
            "The cluster did not answer in time",
            "A call inside the Orleans cluster ran out of time (its response timeout). The operation may still complete; check its state before trying again."),
        // An OrleansException too, but retrying blindly would not help: the state changed under the request.
        InconsistentStateException => (
            StatusCodes.Status409Conflict,
            "The state changed meanwhile",
            "Another write changed what this request was changing (a storage version conflict); nothing of this request was saved. Read the current state and decide again."),
        // Also its subtypes: a silo that died or is unreachable, a rejected message, a client without a gateway.
        OrleansException => (
            StatusCodes.Status503ServiceUnavailable,
            "The Orleans cluster is unavailable",
            "The silo could not reach the grain that answers this request, for example while a silo joins or leaves the cluster. Try again in a few seconds."),
        // A grain's state write waited on its outputs and Kafka refused one (an erasure flushes before it deletes).
        KafkaOutputException => (
            StatusCodes.Status503ServiceUnavailable,
            "The output topics are unavailable",
            "Kafka refused an output record the grain wrote before this request's change, so nothing was saved. Try again in a few seconds; the silo's log says why."),
        // An erasure waited for the entity's alerts to be stored before deleting them, and the store's database is down.
        AlertStoreUnavailableException => (
            StatusCodes.Status503ServiceUnavailable,
            "The alert store is unavailable",
            "PostgreSQL did not take the entity's latest alerts in time, so the erasure stopped before deleting its stored alerts. Try again once the database is back; the silo's log says why."),
        DbException => (
            StatusCodes.Status503ServiceUnavailable,
            "The database is unavailable",
            "PostgreSQL did not answer or refused the request. Try again in a few seconds; the silo's log says why."),
        AggregateException { InnerExceptions: [var single] } => Classify(single),
        _ => (
            StatusCodes.Status500InternalServerError,
            "Unexpected error",
            "The silo failed to answer this request; its log has the details under this answer's trace id."),
    };

    [LoggerMessage(EventId = 4110, Level = LogLevel.Warning, Message = "{Method} {Path} answered {Status}: {ExceptionType}: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, int status, string exceptionType, string reason);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Information, Message = "{Method} {Path} answered {Status}: the request did not bind: {Reason}")]
    private static partial void LogRejected(ILogger logger, string method, string path, int status, string reason);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Error, Message = "{Method} {Path} failed unexpectedly and answered 500")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path);
}
