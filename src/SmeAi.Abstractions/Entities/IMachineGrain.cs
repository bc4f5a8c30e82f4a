namespace SmeAi.Abstractions.Entities;

/// <summary>One machine; keyed by its id, the Kafka message key of <c>machine-telemetry</c>.</summary>
public interface IMachineGrain : IGrainWithStringKey
{
    Task<EntitySnapshot> GetSnapshotAsync();

    /// <summary>
    /// Right to erasure: clears the persisted state (keeping only the stream positions, so redelivered events are not applied
    /// again), removes the entity's training samples, and deactivates the grain.
    /// </summary>
    Task<EntityErasure> EraseAsync();
}
