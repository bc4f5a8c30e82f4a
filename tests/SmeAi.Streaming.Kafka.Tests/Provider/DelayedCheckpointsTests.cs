using SmeAi.Streaming.Kafka.Provider;

namespace SmeAi.Streaming.Kafka.Tests.Provider;

public sealed class DelayedCheckpointsTests
{
    [Fact]
    public void Without_a_delay_every_offered_offset_is_ready_at_once()
    {
        var checkpoints = new DelayedCheckpoints(TimeSpan.Zero);

        Assert.Equal(10, checkpoints.Ready(10, nowMs: 0, immediate: false));
        Assert.Equal(25, checkpoints.Ready(25, nowMs: 1, immediate: false));
    }

    [Fact]
    public void An_offset_becomes_ready_only_once_it_is_older_than_the_delay()
    {
        var checkpoints = new DelayedCheckpoints(TimeSpan.FromSeconds(10));

        Assert.Equal(-1, checkpoints.Ready(100, nowMs: 0, immediate: false));
        Assert.Equal(-1, checkpoints.Ready(200, nowMs: 5_000, immediate: false));
        Assert.Equal(100, checkpoints.Ready(200, nowMs: 10_000, immediate: false));
        Assert.Equal(200, checkpoints.Ready(250, nowMs: 15_000, immediate: false));
    }

    [Fact]
    public void Shutdown_takes_everything_offered_without_waiting()
    {
        var checkpoints = new DelayedCheckpoints(TimeSpan.FromMinutes(1));
        checkpoints.Ready(100, nowMs: 0, immediate: false);

        Assert.Equal(300, checkpoints.Ready(300, nowMs: 1, immediate: true));
    }

    [Fact]
    public void A_lower_offset_offered_later_never_moves_the_checkpoint_back()
    {
        var checkpoints = new DelayedCheckpoints(TimeSpan.Zero);
        checkpoints.Ready(500, nowMs: 0, immediate: false);

        Assert.Equal(500, checkpoints.Ready(400, nowMs: 1, immediate: false));
    }
}
