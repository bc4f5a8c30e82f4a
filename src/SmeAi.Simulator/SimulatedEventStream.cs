using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using SmeAi.Simulator.Customers;
using SmeAi.Simulator.Factory;
using SmeAi.Simulator.Internal;
using SmeAi.Simulator.Security;

namespace SmeAi.Simulator;

/// <summary>
/// The events of several simulators merged into one stream in event-time order (ties keep simulator order:
/// factory, customers, security), with their combined <see cref="GroundTruth"/>. Re-enumerable; each enumeration
/// yields the same sequence.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "A stream of events in the Kafka sense, not a System.IO.Stream; the name is the documented API.")]
public sealed class SimulatedEventStream : IEnumerable<SimulatedEvent>
{
    private readonly IReadOnlyList<IEventSimulator> _simulators;

    /// <summary>Merges the given simulators; null ones are left out.</summary>
    public SimulatedEventStream(FactorySimulator? factory, CustomerSimulator? customers, SecuritySimulator? security)
    {
        Factory = factory;
        Customers = customers;
        Security = security;
        _simulators = [.. new IEventSimulator?[] { factory, customers, security }.OfType<IEventSimulator>()];
        GroundTruth = new GroundTruth(
            factory?.GroundTruth ?? [],
            customers?.GroundTruth ?? [],
            security?.Attacks ?? []);
    }

    public FactorySimulator? Factory { get; }

    public CustomerSimulator? Customers { get; }

    public SecuritySimulator? Security { get; }

    public GroundTruth GroundTruth { get; }

    /// <summary>Builds the enabled simulators of <paramref name="options"/>.</summary>
    /// <exception cref="OptionsValidationException">The options are invalid; the message names each problem.</exception>
    public static SimulatedEventStream Create(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new SimulatorOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SimulatorOptions), validation.Failures);
        }

        return new SimulatedEventStream(
            options.Factory.Enabled ? new FactorySimulator(options.Factory) : null,
            options.Customers.Enabled ? new CustomerSimulator(options.Customers) : null,
            options.Security.Enabled ? new SecuritySimulator(options.Security) : null);
    }

    public IEnumerator<SimulatedEvent> GetEnumerator() =>
        EventMerge.Merge([.. _simulators.Select(simulator => simulator.Events())]).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
