namespace SmeAi.Streaming.Kafka.Cache;

/// <summary>One GC measurement: bytes in use, bytes the process may use, and which collection measured them.</summary>
internal readonly record struct MemoryReading(long Used, long Available, long Collection);
