namespace SmeAi.Streaming.Kafka.Tests.Provider;

/// <summary>The JSON value of the test topics: <c>{"key":"k-1","seq":3}</c>, seq counting per key from 0.</summary>
[GenerateSerializer, Immutable]
public sealed record TestEvent([property: Id(0)] string Key, [property: Id(1)] int Seq);

/// <summary>Stream namespaces the test grains subscribe to implicitly.</summary>
public static class TestNamespaces
{
    public const string Events = "test-events";
    public const string BatchEvents = "test-batch-events";
    public const string SlowEvents = "test-slow-events";
    public const string HeldEvents = "test-held-events";
}
