namespace SmeAi.Streaming.Kafka.Cache;

/// <summary>One GC measurement: bytes in use, bytes the process may use, and how many full (gen2) collections ran so far.</summary>
internal readonly record struct MemoryReading(long Used, long Available, long Collection);
