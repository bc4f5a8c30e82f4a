namespace SmeAi.Abstractions.Entities;

/// <summary>One customer; keyed by its id, the Kafka message key of <c>customer-events</c>.</summary>
public interface ICustomerGrain : IGrainWithStringKey
{
    Task<EntitySnapshot> GetSnapshotAsync();
}
