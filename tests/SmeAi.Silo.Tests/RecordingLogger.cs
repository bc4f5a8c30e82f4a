using Microsoft.Extensions.Logging;

namespace SmeAi.Silo.Tests;

/// <summary>Keeps what was logged, for tests that check a failure was reported.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly List<(LogLevel Level, Exception? Exception, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, Exception? Exception, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add((logLevel, exception, formatter(state, exception)));
        }
    }
}
