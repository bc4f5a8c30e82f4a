using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SmeAi.Grains.Tests.Models;

/// <summary>Keeps every log entry, so a test can check that a failure was reported rather than lost.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(EventId EventId, LogLevel Level, string Message)> _entries = new();

    public IReadOnlyCollection<(EventId EventId, LogLevel Level, string Message)> Entries => _entries;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue((eventId, logLevel, formatter(state, exception)));
}
