using SmeAi.Abstractions.Outputs;

namespace SmeAi.Silo.Outputs;

/// <summary>
/// One output waiting to be written: a record for a Kafka topic and the alert behind it if it is one; or, with
/// <see cref="Barrier"/> set, a marker completed once everything queued before it is acknowledged.
/// </summary>
internal readonly record struct OutputItem(string Topic, string Key, byte[] Value, Alert? Alert, TaskCompletionSource? Barrier = null);
