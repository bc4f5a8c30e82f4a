namespace SmeAi.Silo.Security;

/// <summary>Answers 401 unless the request carries the API key in <c>X-Api-Key</c>.</summary>
internal sealed class ApiKeyEndpointFilter(ApiKeyAuthority authority) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var presented = context.HttpContext.Request.Headers[ApiKeyAuthority.HeaderName].ToString();
        if (!authority.IsValid(presented))
        {
            var detail = authority.IsConfigured
                ? $"Send the API key in the {ApiKeyAuthority.HeaderName} header."
                : "No API key is configured (Security:ApiKey), so write endpoints are disabled.";
            return TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "API key required");
        }

        return await next(context);
    }
}

internal static class ApiKeyEndpointExtensions
{
    /// <summary>Requires the API key on these endpoints.</summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, ApiKeyEndpointFilter>();
}
