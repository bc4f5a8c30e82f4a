using Microsoft.Extensions.Options;

namespace SmeAi.Silo.Tests;

/// <summary>Options that never change, for components built by hand that read an <see cref="IOptionsMonitor{TOptions}"/>.</summary>
internal sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
