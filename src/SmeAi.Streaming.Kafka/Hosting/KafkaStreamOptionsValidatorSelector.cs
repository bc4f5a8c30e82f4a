using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmeAi.Streaming.Kafka.Data;
using SmeAi.Streaming.Kafka.Configuration;

namespace SmeAi.Streaming.Kafka.Hosting;

/// <summary>
/// Validates each named provider's options, requiring event types only where the JSON adapter is used, and naming the
/// settings by the configuration section the provider was bound from, when it was.
/// </summary>
internal sealed class KafkaStreamOptionsValidatorSelector(IServiceProvider services) : IValidateOptions<KafkaStreamOptions>
{
    public ValidateOptionsResult Validate(string? name, KafkaStreamOptions options)
    {
        var customAdapter = name is not null && services.GetKeyedService<IKafkaDataAdapter>(name) is not null;
        var section = services.GetService<IOptionsMonitor<KafkaStreamConfigurationSource>>()?.Get(name).Section;
        return new KafkaStreamOptionsValidator(requireEventTypes: !customAdapter, configurationSection: section).Validate(name, options);
    }
}
