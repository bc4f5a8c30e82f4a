using Microsoft.Extensions.Configuration;
using SmeAi.Silo.Configuration;
using SmeAi.Silo.Hosting;

namespace SmeAi.Silo.Tests;

public sealed class SiloStartupPlanTests
{
    [Fact]
    public void An_https_url_without_a_certificate_names_the_settings()
    {
        var error = Assert.Throws<SiloStartupException>(() => Plan(new() { ["Silo:HttpUrl"] = "https://127.0.0.1:5443" }));

        Assert.StartsWith("Silo:HttpUrl 'https://127.0.0.1:5443' is https, but no certificate is configured", error.Message, StringComparison.Ordinal);
        Assert.Contains("Kestrel:Certificates:Default:Path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_https_url_with_a_default_certificate_is_accepted()
    {
        var certificate = Path.GetTempFileName();
        try
        {
            var plan = Plan(new() { ["Silo:HttpUrl"] = "https://127.0.0.1:5443", ["Kestrel:Certificates:Default:Path"] = certificate });

            Assert.Equal("https://127.0.0.1:5443", plan.Silo.HttpUrl);
        }
        finally
        {
            File.Delete(certificate);
        }
    }

    [Theory]
    [InlineData("Path")]
    [InlineData("KeyPath")]
    public void A_certificate_file_that_does_not_exist_names_the_setting(string setting)
    {
        var existing = Path.GetTempFileName();
        var missing = Path.Combine(Path.GetTempPath(), "smeai-no-certificate-" + Guid.NewGuid().ToString("N") + ".pem");
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["Silo:HttpUrl"] = "https://127.0.0.1:5443",
                ["Kestrel:Certificates:Default:Path"] = existing,
                [$"Kestrel:Certificates:Default:{setting}"] = missing,
            };

            var error = Assert.Throws<SiloStartupException>(() => Plan(settings));

            Assert.StartsWith($"Kestrel:Certificates:Default:{setting}: no file '{missing}'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(existing);
        }
    }

    [Fact]
    public void An_unparseable_silo_setting_names_the_setting()
    {
        var error = Assert.Throws<SiloStartupException>(() => Plan(new() { ["Silo:SiloPort"] = "eleven" }));

        Assert.Contains("'Silo:SiloPort'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSQL_mode_without_an_external_kafka_names_the_setting()
    {
        var error = Assert.Throws<SiloStartupException>(() => Plan(new() { ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Database=smeai" }));

        Assert.StartsWith("Kafka:BootstrapServers is required in PostgreSQL mode", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSQL_mode_with_an_external_kafka_is_accepted()
    {
        var plan = Plan(new() { ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Database=smeai", ["Kafka:BootstrapServers"] = "kafka:9092" });

        Assert.Equal(PlatformMode.Postgres, plan.Mode);
    }

    private static SiloStartupPlan Plan(Dictionary<string, string?> settings) =>
        SiloStartupPlan.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), "silo-config");
}
