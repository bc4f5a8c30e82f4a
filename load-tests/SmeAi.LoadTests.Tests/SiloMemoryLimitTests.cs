using SmeAi.LoadTests.Pipeline;

namespace SmeAi.LoadTests.Tests;

/// <summary>A silo's memory limit reaches its runtime as a container's would: a GC heap cap of 75 % of it.</summary>
public sealed class SiloMemoryLimitTests
{
    [Fact]
    public void A_2_GiB_limit_caps_the_heap_at_1_5_GiB_in_the_runtime_s_hexadecimal()
    {
        var environment = SiloMemoryLimit.Environment(2_048);

        Assert.Equal("0x60000000", Assert.Single(environment, e => e.Key == SiloMemoryLimit.HeapHardLimitVariable).Value);
        Assert.Equal(1_536L * 1024 * 1024, SiloMemoryLimit.HeapBytes(2_048));
    }

    [Fact]
    public void No_limit_sets_nothing_and_a_limit_a_silo_cannot_start_in_is_refused()
    {
        Assert.Empty(SiloMemoryLimit.Environment(null));
        Assert.Throws<ArgumentOutOfRangeException>(() => SiloMemoryLimit.Environment(SiloMemoryLimit.MinimumMiB - 1));
    }
}
