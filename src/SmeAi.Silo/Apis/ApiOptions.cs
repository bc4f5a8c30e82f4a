namespace SmeAi.Silo.Apis;

/// <summary>Limits of the HTTP API. Bound from the <c>Api</c> section; checked by <see cref="ApiOptionsValidator"/>.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>
    /// Longest time <c>POST /api/models/{name}/retrain</c> waits for the training before it answers 202 Accepted (the
    /// training goes on; its outcome appears under <c>GET /api/models/{name}</c>). Default 20 s, at most
    /// <see cref="ApiOptionsValidator.MaxRetrainWait"/>; zero answers 202 at once.
    /// </summary>
    public TimeSpan RetrainWait { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Live alert streams (<c>GET /api/alerts/stream</c>) one silo serves at once; each is a pub/sub subscription (stored
    /// in PostgreSQL mode) with a buffer of up to 512 alerts. Beyond it the silo answers 503. Default 32, 1 to
    /// <see cref="ApiOptionsValidator.MaxAlertStreamsLimit"/>.
    /// </summary>
    public int MaxAlertStreams { get; set; } = 32;
}
