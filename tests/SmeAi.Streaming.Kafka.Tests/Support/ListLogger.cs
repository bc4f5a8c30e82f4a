using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SmeAi.Streaming.Kafka.Tests.Support;

/// <summary>Keeps every log entry, so a test can check what an operator would read.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        _entries.Enqueue(new LogEntry(logLevel, eventId.Id, formatter(state, exception), values.ToDictionary(pair => pair.Key, pair => pair.Value)));
    }
}

internal sealed record LogEntry(LogLevel Level, int EventId, string Message, IReadOnlyDictionary<string, object?> Values);
