using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SmeAi.Silo.Configuration;
using SmeAi.Silo.Hosting;
using SmeAi.Silo.Outputs;
using SmeAi.Silo.Postgres;

namespace SmeAi.Silo.Tests;

public sealed class StartupFailureTests
{
    [Fact]
    public void A_startup_exception_deep_in_the_chain_becomes_its_message()
    {
        var wrapped = new InvalidOperationException("host failed", new SiloStartupException("Silo:SiloPort: port 1 is already in use"));

        Assert.Equal("Silo:SiloPort: port 1 is already in use", StartupFailure.Describe(wrapped));
    }

    [Fact]
    public void Options_validation_failures_are_joined()
    {
        var failure = new OptionsValidationException("x", typeof(SiloHostOptions), ["Silo:ClusterId must not be empty.", "Silo:SiloPort must be between 1 and 65535 (was 0)."]);

        Assert.Equal("Silo:ClusterId must not be empty. Silo:SiloPort must be between 1 and 65535 (was 0).", StartupFailure.Describe(failure));
    }

    [Fact]
    public void A_value_that_does_not_parse_names_the_setting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Outputs:QueueCapacity", "many")]).Build();
        var failure = Assert.ThrowsAny<InvalidOperationException>(() => configuration.GetSection("Outputs").Get<OutputOptions>());

        Assert.Equal("Failed to convert configuration value 'many' at 'Outputs:QueueCapacity' to type 'System.Int32'.", StartupFailure.Describe(new AggregateException(failure)));
    }

    [Fact]
    public void Programming_errors_are_not_disguised_as_configuration_errors()
    {
        Assert.Null(StartupFailure.Describe(new InvalidOperationException("a bug", new ArgumentNullException("plan"))));
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=notanumber")]
    [InlineData("Nonsense Key=1")]
    [InlineData("Port=5432;Database=smeai")]
    public void Bad_connection_strings_name_the_setting(string connectionString)
    {
        var error = Assert.Throws<SiloStartupException>(() => PostgresConnection.Parse(connectionString));

        Assert.StartsWith("ConnectionStrings:Postgres", error.Message, StringComparison.Ordinal);
    }
}
