using SmeAi.Silo.Configuration;

namespace SmeAi.Silo.Tests;

public sealed class SiloHostOptionsValidatorTests
{
    private readonly SiloHostOptionsValidator _validator = new();

    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(_validator.Validate(null, new SiloHostOptions()).Succeeded);
    }

    [Theory]
    [InlineData(0, 30000, "Silo:SiloPort")]
    [InlineData(11111, 70000, "Silo:GatewayPort")]
    [InlineData(12000, 12000, "must differ")]
    public void Bad_ports_name_the_setting(int siloPort, int gatewayPort, string expected)
    {
        var result = _validator.Validate(null, new SiloHostOptions { SiloPort = siloPort, GatewayPort = gatewayPort });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("localhost:5080")]
    [InlineData("ftp://127.0.0.1:5080")]
    [InlineData("")]
    public void Http_url_must_be_http(string url)
    {
        var result = _validator.Validate(null, new SiloHostOptions { HttpUrl = url });

        Assert.Contains(result.Failures!, f => f.StartsWith("Silo:HttpUrl", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080/api")]
    [InlineData("http://127.0.0.1:5080/?x=1")]
    [InlineData("http://user@127.0.0.1:5080")]
    public void Http_url_is_scheme_host_and_port_only(string url)
    {
        var result = _validator.Validate(null, new SiloHostOptions { HttpUrl = url });

        Assert.Contains(result.Failures!, f => f.StartsWith("Silo:HttpUrl", StringComparison.Ordinal) && f.Contains("without a path", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://0.0.0.0:5080/")]
    [InlineData("https://127.0.0.1:5443")]
    public void Http_url_with_scheme_host_and_port_is_valid(string url)
    {
        Assert.True(_validator.Validate(null, new SiloHostOptions { HttpUrl = url }).Succeeded);
    }

    [Theory]
    [InlineData("10.0.0.7", true)]
    [InlineData("silo1", true)]
    [InlineData("not a host", false)]
    public void Advertised_address_is_an_ip_or_a_host_name(string address, bool valid)
    {
        var result = _validator.Validate(null, new SiloHostOptions { AdvertisedAddress = address });

        Assert.Equal(valid, result.Succeeded);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(50, true)]
    [InlineData(60_000, true)]
    [InlineData(10, false)]
    [InlineData(-200, false)]
    [InlineData(120_000, false)]
    public void Crash_check_interval_is_off_or_between_50_ms_and_a_minute(int milliseconds, bool valid)
    {
        var result = _validator.Validate(null, new SiloHostOptions { CrashCheckInterval = TimeSpan.FromMilliseconds(milliseconds) });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains(result.Failures!, f => f.StartsWith("Silo:CrashCheckInterval", StringComparison.Ordinal));
        }
    }
}
