namespace SmeAi.Streaming.Kafka.Tests.Support;

/// <summary>Waits for a condition by polling, with a generous timeout, instead of sleeping a fixed time.</summary>
internal static class Poll
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static void Until(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            Thread.Sleep(20);
        }
    }
}
