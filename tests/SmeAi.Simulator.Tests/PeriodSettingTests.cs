using Microsoft.Extensions.Options;
using SmeAi.Simulator.Customers;
using SmeAi.Simulator.Factory;
using SmeAi.Simulator.Security;

namespace SmeAi.Simulator.Tests;

public sealed class PeriodSettingTests
{
    /// <summary>Every period setting of every domain, at both ends of what a TimeSpan holds.</summary>
    public static TheoryData<string, string, bool> PeriodSettings()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var domain in new[] { nameof(SimulatorOptions.Factory), nameof(SimulatorOptions.Customers), nameof(SimulatorOptions.Security) })
        {
            foreach (var setting in DomainOptions(new SimulatorOptions(), domain).GetType().GetProperties()
                .Where(p => p.PropertyType == typeof(TimeSpan) && p.CanWrite).Select(p => p.Name))
            {
                data.Add(domain, setting, true);
                data.Add(domain, setting, false);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PeriodSettings))]
    public void A_period_at_the_limit_of_a_TimeSpan_fails_validation_naming_the_setting(string domain, string setting, bool largest)
    {
        var options = new SimulatorOptions();
        var domainOptions = DomainOptions(options, domain);
        domainOptions.GetType().GetProperty(setting)!.SetValue(domainOptions, largest ? TimeSpan.MaxValue : TimeSpan.MinValue);

        // Adding such a period to another overflowed inside the validator instead of failing validation.
        var result = new SimulatorOptionsValidator().Validate(null, options);

        Assert.True(result.Failed, $"{domain}:{setting} = {(largest ? "TimeSpan.MaxValue" : "TimeSpan.MinValue")} passed validation");
        Assert.Contains(result.Failures, f => f.StartsWith($"Simulator:{domain}:{setting} ", StringComparison.Ordinal));
    }

    private static object DomainOptions(SimulatorOptions options, string domain) => domain switch
    {
        nameof(SimulatorOptions.Factory) => options.Factory,
        nameof(SimulatorOptions.Customers) => options.Customers,
        _ => options.Security,
    };
}
