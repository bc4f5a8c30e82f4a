using System.Diagnostics;
using System.Globalization;

namespace SmeAi.LoadTests.Kafka;

/// <summary>
/// Runs <see cref="PacedProducer"/> in a child process (this assembly's hidden <c>paced-producer</c> command), so the
/// producer's allocations and garbage collections do not pause the silo it measures. The child prints
/// <see cref="MeasuringLine"/> when its warm-up ends and <c>produced N</c> when done.
/// </summary>
internal static class PacedProducerProcess
{
    public const string CommandName = "paced-producer";
    public const string MeasuringLine = "measuring";
    private const string ProducedPrefix = "produced ";

    /// <summary>Whether the child can be started: this assembly must sit beside its runtime configuration.</summary>
    public static bool Available => File.Exists(Path.ChangeExtension(typeof(PacedProducerProcess).Assembly.Location, ".runtimeconfig.json"));

    public static async Task<long> RunAsync(
        string bootstrapServers, string topic, int keys, long firstIndex, double rate, TimeSpan warmUp, TimeSpan measured,
        Action onMeasuring, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onMeasuring);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            typeof(PacedProducerProcess).Assembly.Location, CommandName, bootstrapServers, topic, I(keys), I(firstIndex), I(rate),
            I(warmUp.TotalSeconds), I(measured.TotalSeconds),
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the paced producer process.");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        long? produced = null;
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line == MeasuringLine)
            {
                onMeasuring();
            }
            else if (line.StartsWith(ProducedPrefix, StringComparison.Ordinal))
            {
                produced = long.Parse(line[ProducedPrefix.Length..], CultureInfo.InvariantCulture);
            }
        }

        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0 && produced is { } count
            ? count
            : throw new InvalidOperationException($"The paced producer process exited with code {process.ExitCode}: {await errors}");
    }

    /// <summary>The child's side: produce, announcing the measured part and the count on standard output.</summary>
    public static async Task<int> ChildAsync(string[] args, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var produced = await PacedProducer.RunAsync(
            args[0], args[1], int.Parse(args[2], CultureInfo.InvariantCulture), long.Parse(args[3], CultureInfo.InvariantCulture),
            double.Parse(args[4], CultureInfo.InvariantCulture), TimeSpan.FromSeconds(double.Parse(args[5], CultureInfo.InvariantCulture)),
            TimeSpan.FromSeconds(double.Parse(args[6], CultureInfo.InvariantCulture)),
            () => Console.Out.WriteLine(MeasuringLine), timeProvider, cancellationToken);
        await Console.Out.WriteLineAsync(ProducedPrefix + I(produced));
        await Console.Out.FlushAsync(cancellationToken);
        return 0;
    }

    private static string I(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);
}
