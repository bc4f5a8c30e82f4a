namespace SmeAi.Streaming.Kafka.Tests.Support;

/// <summary>This process's threads that librdkafka started (named <c>rdk:*</c>), from <c>/proc/self/task</c>.</summary>
internal static class NativeThreads
{
    public static IReadOnlyDictionary<int, string> LibRdKafka()
    {
        var threads = new Dictionary<int, string>();
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            string name;
            try
            {
                name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
            }
            catch (IOException)
            {
                continue; // the thread ended while we looked
            }

            if (name.StartsWith("rdk:", StringComparison.Ordinal))
            {
                threads[int.Parse(Path.GetFileName(task))] = name;
            }
        }

        return threads;
    }
}
