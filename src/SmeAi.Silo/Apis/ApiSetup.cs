using Microsoft.Extensions.Options;

namespace SmeAi.Silo.Apis;

internal static class ApiSetup
{
    /// <summary>Problem answers for failures (<see cref="ApiExceptionHandler"/>), the API's options and its limits.</summary>
    public static IServiceCollection AddSiloApis(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();

        // A body or parameter that does not bind throws, so ApiExceptionHandler answers with the reason; by default outside
        // Development the framework answered an empty 400.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        services.AddSingleton<AlertStreamSlots>();
        return services;
    }

    /// <summary>
    /// First in the pipeline, so every endpoint's failure becomes a problem answer rather than an empty 500; and any other
    /// error status without a body (an unsupported content type, an unknown path) gets one too.
    /// </summary>
    public static IApplicationBuilder UseApiExceptionHandler(this IApplicationBuilder app) => app.UseExceptionHandler().UseStatusCodePages();
}
