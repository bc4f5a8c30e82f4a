namespace SmeAi.Simulator.Kafka;

/// <summary>The outcome of one <see cref="SimulatorProducer.ProduceAsync"/> run.</summary>
/// <param name="Produced">Events handed to the Kafka client.</param>
/// <param name="Delivered">Events the brokers acknowledged.</param>
/// <param name="Failed">Events that could not be delivered.</param>
/// <param name="ByTopic">Events handed to the client, per topic.</param>
/// <param name="Elapsed">Wall-clock time of the run, including the final flush.</param>
/// <param name="FirstError">The first delivery error, if any.</param>
public sealed record SimulatorProducerResult(
    long Produced, long Delivered, long Failed, IReadOnlyDictionary<string, long> ByTopic, TimeSpan Elapsed, string? FirstError);
