namespace SmeAi.Abstractions.Entities;

/// <summary>One customer; keyed by its id, the Kafka message key of <c>customer-events</c>.</summary>
public interface ICustomerGrain : IGrainWithStringKey
{
    Task<EntitySnapshot> GetSnapshotAsync();

    /// <summary>
    /// Right to erasure: clears the persisted state (keeping only the stream positions, so redelivered events are not applied
    /// again), removes the entity's training samples, and deactivates the grain.
    /// </summary>
    Task<EntityErasure> EraseAsync();
}
