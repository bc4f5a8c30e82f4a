namespace SmeAi.Abstractions.Events.Validation;

/// <summary>Checks one event against its contract.</summary>
/// <typeparam name="TEvent">The event contract.</typeparam>
public interface IEventValidator<in TEvent>
    where TEvent : IEntityEvent
{
    /// <summary>Returns null when <paramref name="value"/> is valid, otherwise one reason that names the offending field.</summary>
    string? Validate(TEvent value);
}
