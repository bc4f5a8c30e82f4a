using Microsoft.Extensions.Options;

namespace SmeAi.Silo.Apis;

internal static class ApiSetup
{
    /// <summary>Problem answers for failures (<see cref="ApiExceptionHandler"/>), the API's options and its limits.</summary>
    public static IServiceCollection AddSiloApis(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        services.AddSingleton<AlertStreamSlots>();
        return services;
    }

    /// <summary>First in the pipeline, so every endpoint's failure becomes a problem answer rather than an empty 500.</summary>
    public static IApplicationBuilder UseApiExceptionHandler(this IApplicationBuilder app) => app.UseExceptionHandler();
}
