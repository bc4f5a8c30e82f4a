using System.Reflection;

namespace SmeAi.Grains.Tests;

/// <summary>
/// An <see cref="IGrainFactory"/> that hands out plain objects as grains: <c>GetGrain&lt;T&gt;(key)</c> asks the test's
/// resolver, and an observer is its own reference. Anything else is a test bug and says so. Public and unsealed
/// because <see cref="DispatchProxy"/> derives the proxy type from it.
/// </summary>
public class FakeGrainFactory : DispatchProxy
{
    private Func<Type, string, object> _grainOf = null!;

    /// <param name="grainOf">The grain for an interface type and a string key.</param>
    internal static IGrainFactory Create(Func<Type, string, object> grainOf)
    {
        var factory = Create<IGrainFactory, FakeGrainFactory>();
        ((FakeGrainFactory)(object)factory)._grainOf = grainOf;
        return factory;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
    {
        nameof(IGrainFactory.GetGrain) when targetMethod.IsGenericMethod && args is [string key, ..] => _grainOf(targetMethod.GetGenericArguments()[0], key),
        nameof(IGrainFactory.CreateObjectReference) when args is [IGrainObserver observer] => observer,
        _ => throw new NotSupportedException($"The fake grain factory does not answer {targetMethod}."),
    };
}
