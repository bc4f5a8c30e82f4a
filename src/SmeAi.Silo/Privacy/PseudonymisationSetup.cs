using Microsoft.Extensions.Options;

namespace SmeAi.Silo.Privacy;

internal static class PseudonymisationSetup
{
    /// <summary>Binds <c>Privacy</c>, checks the key at start and registers the one <see cref="Pseudonymiser"/> ingestion uses.</summary>
    public static IServiceCollection AddPseudonymisation(this IServiceCollection services)
    {
        services.AddOptions<PseudonymisationOptions>().BindConfiguration(PseudonymisationOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PseudonymisationOptions>, PseudonymisationOptionsValidator>();
        services.AddSingleton<Pseudonymiser>();
        return services;
    }
}
