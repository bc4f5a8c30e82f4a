using System.Net.Http.Headers;
using System.Text;

namespace SmeAi.Silo.Security;

/// <summary>
/// Answers 401 unless the request carries the API key: in <c>X-Api-Key</c>, or as the password of HTTP Basic
/// authentication (any user name), which is how a browser can send it. With <paramref name="promptBrowser"/> the 401
/// asks the browser for it (<c>WWW-Authenticate: Basic</c>), for pages people open, such as the Orleans dashboard.
/// </summary>
internal sealed class ApiKeyEndpointFilter(bool promptBrowser) : IEndpointFilter
{
    public const string BrowserRealm = "SmeAi";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var authority = http.RequestServices.GetRequiredService<ApiKeyAuthority>();
        if (!authority.IsValid(Presented(http.Request)))
        {
            if (promptBrowser && authority.IsConfigured)
            {
                http.Response.Headers.WWWAuthenticate = $"Basic realm=\"{BrowserRealm}\", charset=\"UTF-8\"";
            }

            var detail = authority.IsConfigured
                ? $"Send the API key in the {ApiKeyAuthority.HeaderName} header (or as the password of HTTP Basic authentication)."
                : "No API key is configured (Security:ApiKey), so write endpoints are disabled.";
            return TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "API key required");
        }

        return await next(context);
    }

    private static string? Presented(HttpRequest request)
    {
        var header = request.Headers[ApiKeyAuthority.HeaderName].ToString();
        if (header.Length > 0)
        {
            return header;
        }

        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var authorization)
            && string.Equals(authorization.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            && authorization.Parameter is { } encoded)
        {
            try
            {
                var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
                var colon = credentials.IndexOf(':', StringComparison.Ordinal);
                return colon >= 0 ? credentials[(colon + 1)..] : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }
}

internal static class ApiKeyEndpointExtensions
{
    /// <summary>Requires the API key on these endpoints.</summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new ApiKeyEndpointFilter(promptBrowser: false));

    /// <summary>Requires the API key on pages a person opens in a browser, which asks for it (user name: anything, password: the key).</summary>
    public static TBuilder RequireApiKeyFromBrowser<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new ApiKeyEndpointFilter(promptBrowser: true));
}
