using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmeAi.Streaming.Kafka.Data;
using SmeAi.Streaming.Kafka.Configuration;

namespace SmeAi.Streaming.Kafka.Hosting;

/// <summary>Validates each named provider's options, requiring event types only where the JSON adapter is used.</summary>
internal sealed class KafkaStreamOptionsValidatorSelector(IServiceProvider services) : IValidateOptions<KafkaStreamOptions>
{
    public ValidateOptionsResult Validate(string? name, KafkaStreamOptions options)
    {
        var customAdapter = name is not null && services.GetKeyedService<IKafkaDataAdapter>(name) is not null;
        return new KafkaStreamOptionsValidator(requireEventTypes: !customAdapter).Validate(name, options);
    }
}
