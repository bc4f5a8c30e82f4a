namespace SmeAi.LoadTests.Measurement;

/// <summary>Events a phase produced against the distinct ones that reached the grains, deduplicated by (partition, offset).</summary>
/// <param name="Produced">Events produced to the topic for the phase.</param>
/// <param name="Distinct">Distinct events delivered: redeliveries of an event count once.</param>
/// <param name="Duplicates">Deliveries of an event already delivered (at-least-once redelivery).</param>
internal sealed record DeliveryCount(long Produced, long Distinct, long Duplicates)
{
    /// <summary>Produced events never delivered (by the time the phase stopped waiting).</summary>
    public long Lost => Math.Max(0, Produced - Distinct);
}
