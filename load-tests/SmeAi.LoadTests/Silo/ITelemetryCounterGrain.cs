namespace SmeAi.LoadTests.Silo;

/// <summary>A machine's event counter; the scenario reads the per-silo probe instead of calling it.</summary>
internal interface ITelemetryCounterGrain : IGrainWithStringKey
{
    Task<long> GetEventCountAsync();
}
