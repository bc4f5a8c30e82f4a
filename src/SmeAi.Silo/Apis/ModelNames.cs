using System.Text.RegularExpressions;

namespace SmeAi.Silo.Apis;

/// <summary>Model names in URLs: what the trainers produce (letters, digits, '-', '_', '.', '/'-free), at most 128 characters.</summary>
internal static partial class ModelNames
{
    public static bool IsValid(string name) => name.Length is > 0 and <= 128 && Pattern().IsMatch(name);

    /// <summary>Endpoint filter for routes with a <c>{name}</c>: answers 400 before the handler runs.</summary>
    public static async ValueTask<object?> RejectInvalidAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var name = context.HttpContext.Request.RouteValues["name"] as string ?? "";
        return IsValid(name) ? await next(context) : BadName(name);
    }

    public static IResult BadName(string name) => TypedResults.Problem(
        $"'{Truncate(name)}' is not a model name: use letters, digits, '-', '_' and '.', at most 128 characters.",
        statusCode: StatusCodes.Status400BadRequest);

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";

    // \z, not $: $ also matches before a final newline, which would let "churn\n" through as a name.
    [GeneratedRegex(@"^[A-Za-z0-9._-]+\z")]
    private static partial Regex Pattern();
}
