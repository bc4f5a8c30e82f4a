using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace SmeAi.Silo.Hosting;

/// <summary>Turns the failures an operator can fix into one line; anything else stays an exception with its stack.</summary>
internal static class StartupFailure
{
    public static string? Describe(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case SiloStartupException startup:
                    return startup.Message;
                case OptionsValidationException validation:
                    return string.Join(" ", validation.Failures);
                case OrleansConfigurationException orleans:
                    // Orleans names the options class; the operator set its values under Orleans:Membership.
                    return orleans.Message.Replace($"{nameof(ClusterMembershipOptions)}.", $"{OrleansSiloSetup.MembershipSection}:", StringComparison.Ordinal);
                case InvalidOperationException binding when binding.TargetSite?.DeclaringType == typeof(ConfigurationBinder):
                    // A value that does not parse: "Failed to convert configuration value 'x' at 'Outputs:QueueCapacity' to type ...".
                    return binding.Message;
                case IOException io when io.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException:
                    return $"Silo:HttpUrl: {io.Message}";
            }
        }

        return exception is AggregateException aggregate && aggregate.InnerExceptions.Count == 1
            ? Describe(aggregate.InnerExceptions[0])
            : null;
    }
}
