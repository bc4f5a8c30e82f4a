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
        var plan = Plan(new() { ["Silo:HttpUrl"] = "https://127.0.0.1:5443", ["Kestrel:Certificates:Default:Path"] = "/etc/smeai/silo.pfx" });

        Assert.Equal("https://127.0.0.1:5443", plan.Silo.HttpUrl);
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
