namespace SmeAi.Silo.Apis;

internal static class ApiSetup
{
    /// <summary>Problem answers for failures (<see cref="ApiExceptionHandler"/>).</summary>
    public static IServiceCollection AddSiloApis(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        return services;
    }

    /// <summary>First in the pipeline, so every endpoint's failure becomes a problem answer rather than an empty 500.</summary>
    public static IApplicationBuilder UseApiExceptionHandler(this IApplicationBuilder app) => app.UseExceptionHandler();
}
