using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SmeAi.Grains;

/// <summary>
/// Whether this silo's stop has begun. From then on grains send no one-way calls whose loss is repaired anyway (trainer
/// samples, model-change notifications): their targets on this silo are deactivating or gone, and a call refused during
/// the stop is an error line in an operator's normal stop.
/// </summary>
public sealed class SiloStopSignal(CancellationToken stopping)
{
    /// <summary>A signal that never fires, for code run outside a host.</summary>
    public static SiloStopSignal Never { get; } = new(CancellationToken.None);

    public bool IsStopping => stopping.IsCancellationRequested;
}

public static class SiloStopSignalServiceCollectionExtensions
{
    /// <summary>Registers the signal of the host's <see cref="IHostApplicationLifetime.ApplicationStopping"/>.</summary>
    public static IServiceCollection AddSiloStopSignal(this IServiceCollection services) =>
        services.AddSingleton(sp => new SiloStopSignal(sp.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping));
}
