using System.Diagnostics;
using Confluent.Kafka;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Events.Validation;
using SmeAi.Grains.Entities;
using SmeAi.LoadTests.Kafka;
using SmeAi.LoadTests.Measurement;
using SmeAi.ML.Features;
using SmeAi.ML.Inference;
using SmeAi.ML.Training;

namespace SmeAi.LoadTests.Pipeline;

/// <summary>
/// The plain alternative to the pipeline, without Orleans: one Confluent.Kafka consumer loop that reads the same
/// events, parses and validates each with <c>EventJson</c>, builds the feature row as the machine grain does and
/// scores it with the same managed scorer (a VAE of the same shape, trained here on the same kind of telemetry).
/// </summary>
internal static class ScoringBaseline
{
    private static readonly TimeSpan _pollTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>A VAE over the load's four sensors, trained on <paramref name="rows"/> synthetic readings.</summary>
    public static IScorer TrainScorer(int rows)
    {
        var schema = new FeatureSchema("loadtest-baseline", 1, LoadModel.Sensors);
        var training = Enumerable.Range(0, rows).Select(i => Row(TelemetryEvents.Create(i, 1_000, DateTimeOffset.UnixEpoch))).ToArray();
        var result = VaeTrainer.Train("loadtest-baseline", schema, training, new VaeTrainingOptions { Epochs = 5 });
        return ModelScorer.Create(result.Artifact ?? throw new InvalidOperationException($"Training the baseline's model refused: {result}"));
    }

    /// <summary>Reads <c>machine-telemetry</c> between the two watermark readings and scores every event.</summary>
    public static Throughput Run(string bootstrapServers, long[] from, long[] to, IScorer scorer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(scorer);
        var expected = Enumerable.Range(0, from.Length).Sum(p => to[p] - from[p]);
        using var consumer = KafkaClientFactory.Consumer(bootstrapServers, $"loadtest-baseline-{Guid.NewGuid():N}");
        consumer.Assign(Enumerable.Range(0, from.Length).Select(p => new TopicPartitionOffset(TopicNames.MachineTelemetry, p, from[p])));
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        long consumed = 0, invalid = 0, first = 0;
        double checksum = 0;
        var cpu = CpuSampler.Start();
        while (consumed < expected)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = consumer.Consume(_pollTimeout);
            if (result?.Message is null)
            {
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    throw new TimeoutException($"The baseline read {consumed} of {expected} events within {timeout}.");
                }

                continue;
            }

            if (result.Offset.Value >= to[result.Partition.Value])
            {
                continue;
            }

            if (consumed++ == 0)
            {
                first = Stopwatch.GetTimestamp();
                cpu = CpuSampler.Start();
            }

            if (EventJson.TryDeserialize<MachineTelemetry>(result.Message.Value, out var telemetry, out _) && telemetry is not null)
            {
                checksum += scorer.Score(Row(telemetry)).Score;
            }
            else
            {
                invalid++;
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(first);
        var cores = cpu.Cores();
        consumer.Close();
        if (invalid > 0 || double.IsNaN(checksum))
        {
            throw new InvalidOperationException($"The baseline found {invalid} invalid events or a NaN score; the producer writes only valid ones.");
        }

        return new Throughput(consumed, elapsed, cores);
    }

    /// <summary>
    /// The feature row as the machine grain builds it, with the same code: a decoded reading's sorted names and values
    /// are taken as they are (no sorting, no lookups per value), the sensor set shared once per process.
    /// </summary>
    private static float[] Row(MachineTelemetry telemetry) => MachineSensorSets.Row(telemetry.Sensors).Row;
}
