using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Simulator.Customers;
using SmeAi.Simulator.Factory;
using SmeAi.Simulator.Security;

namespace SmeAi.Simulator.Tests;

public sealed class SimulatedEventStreamTests
{
    [Fact]
    public void The_merged_stream_holds_every_domains_events_in_event_time_order()
    {
        var options = SmallOptions(seed: 4);
        var stream = SimulatedEventStream.Create(options);
        var merged = stream.ToList();

        Support.AssertValidAndOrdered(merged, options.Factory.Start, options.Factory.Start + options.Factory.Duration);
        Assert.Equal(TopicNames.Inputs.Order(), merged.Select(e => e.Topic).Distinct().Order());

        // Nothing lost or added: per topic, the merged events are each simulator's own, in the same order.
        Assert.Equal(Support.Fingerprint(stream.Factory!.Events()), Support.Fingerprint(merged.Where(e => e.Topic == TopicNames.MachineTelemetry)));
        Assert.Equal(Support.Fingerprint(stream.Customers!.Events()), Support.Fingerprint(merged.Where(e => e.Topic == TopicNames.CustomerEvents)));
        Assert.Equal(Support.Fingerprint(stream.Security!.Events()), Support.Fingerprint(merged.Where(e => e.Topic == TopicNames.SecurityEvents)));

        Assert.Same(stream.Factory.GroundTruth, stream.GroundTruth.Machines);
        Assert.Same(stream.Customers.GroundTruth, stream.GroundTruth.Customers);
        Assert.Same(stream.Security.Attacks, stream.GroundTruth.Attacks);
    }

    [Fact]
    public void The_same_options_give_the_same_merged_stream()
    {
        var first = Support.Fingerprint(SimulatedEventStream.Create(SmallOptions(seed: 9)));
        var second = Support.Fingerprint(SimulatedEventStream.Create(SmallOptions(seed: 9)));
        Assert.Equal(first, second);
    }

    [Fact]
    public void Disabled_domains_are_left_out()
    {
        var options = SmallOptions(seed: 1);
        options.Customers.Enabled = false;
        options.Security.Enabled = false;
        var stream = SimulatedEventStream.Create(options);
        Assert.Null(stream.Customers);
        Assert.Empty(stream.GroundTruth.Attacks);
        Assert.All(stream.Take(2000), e => Assert.Equal(TopicNames.MachineTelemetry, e.Topic));

        options.Factory.Enabled = false;
        var ex = Assert.Throws<OptionsValidationException>(() => SimulatedEventStream.Create(options));
        Assert.Contains("at least one", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shared_settings_apply_to_every_domain_and_invalid_ones_are_reported_per_domain()
    {
        var start = new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var options = new SimulatorOptions().ApplyToAll(seed: 42, start: start, duration: TimeSpan.FromDays(80));
        Assert.All(new long[] { options.Factory.Seed, options.Customers.Seed, options.Security.Seed }, seed => Assert.Equal(42, seed));
        Assert.All(new[] { options.Factory.Start, options.Customers.Start, options.Security.Start }, s => Assert.Equal(start, s));

        // Too short for the customers' declines; the factory and security domains accept it.
        options.ApplyToAll(duration: TimeSpan.FromDays(7));
        var result = new SimulatorOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.All(result.Failures!, failure => Assert.StartsWith("Simulator:Customers:", failure, StringComparison.Ordinal));
    }

    internal static SimulatorOptions SmallOptions(long seed)
    {
        var options = new SimulatorOptions
        {
            Factory = new FactorySimulatorOptions { MachineCount = 4 },
            Customers = new CustomerSimulatorOptions { CustomerCount = 40, MinDecline = TimeSpan.FromDays(0.5), MaxDecline = TimeSpan.FromDays(1), MinHealthyPeriod = TimeSpan.FromDays(1) },
            Security = new SecuritySimulatorOptions { SubjectCount = 20, AttacksPerDay = 3 },
        };
        return options.ApplyToAll(seed: seed, duration: TimeSpan.FromDays(3));
    }
}
