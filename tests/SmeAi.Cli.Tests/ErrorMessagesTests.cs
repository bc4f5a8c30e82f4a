using SmeAi.Cli.Terminal;
using SmeAi.Silo.Hosting;

namespace SmeAi.Cli.Tests;

public sealed class ErrorMessagesTests
{
    [Fact]
    public void A_setting_the_in_process_silo_refuses_is_its_one_line()
    {
        var refused = new SiloStartupException("Kafka:ClientSettings:bogus.key: No such configuration property");

        Assert.Equal("the silo in this process did not start: Kafka:ClientSettings:bogus.key: No such configuration property", ErrorMessages.Describe(refused));
    }
}
