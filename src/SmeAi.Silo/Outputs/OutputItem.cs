using SmeAi.Abstractions.Outputs;

namespace SmeAi.Silo.Outputs;

/// <summary>
/// One output waiting to be written: a record for a Kafka topic and the alert behind it if it is one; or, with
/// <see cref="Barrier"/> set, a marker completed once everything queued before it is acknowledged (and, with
/// <see cref="ThroughAlertStore"/>, once the alerts queued before it have been through the alert store as well).
/// </summary>
internal readonly record struct OutputItem(
    string Topic, string Key, byte[] Value, Alert? Alert, TaskCompletionSource? Barrier = null, bool ThroughAlertStore = false);
