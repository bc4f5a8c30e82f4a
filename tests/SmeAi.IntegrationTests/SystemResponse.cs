namespace SmeAi.IntegrationTests;

/// <summary>The parts of <c>GET /api/system</c> these tests read.</summary>
internal sealed record SystemResponse(string Mode, string Silo, IReadOnlyList<string> Silos, string KafkaBootstrap, long EventsProcessed);
