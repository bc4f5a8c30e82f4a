using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Outputs;
using SmeAi.Silo.Outputs;

namespace SmeAi.Silo.Tests;

public sealed class OutputQueueTests
{
    private static readonly DateTimeOffset Ts = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Scores_come_out_in_the_order_they_were_queued_as_json_keyed_by_entity()
    {
        var queue = NewQueue(capacity: 100);

        await queue.PublishScoreAsync(Score("m-1"));
        await queue.PublishScoreAsync(Score("m-2"));

        var taken = TakeAll(queue);
        Assert.Equal(["m-1", "m-2"], taken.Select(i => i.Key));
        Assert.All(taken, i => Assert.Equal(TopicNames.Scores, i.Topic));
        Assert.Contains("\"entityId\":\"m-1\"", System.Text.Encoding.UTF8.GetString(taken[0].Value), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Past_its_capacity_a_grain_waits_until_the_writer_takes_an_output_and_nothing_is_dropped()
    {
        var queue = NewQueue(capacity: 2);
        await queue.PublishScoreAsync(Score("m-1"));
        await queue.PublishScoreAsync(Score("m-2"));

        var third = queue.PublishScoreAsync(Score("m-3")).AsTask();
        await Task.Delay(50);
        Assert.False(third.IsCompleted);

        Assert.True(queue.TryTake(out var first));
        await third.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("m-1", first.Key);
        Assert.Equal(["m-2", "m-3"], TakeAll(queue).Select(i => i.Key));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Many_grains_writing_past_the_capacity_at_once_all_get_through_while_the_writer_drains()
    {
        var queue = NewQueue(capacity: 8);
        var taken = new List<string>();
        var writer = Task.Run(async () =>
        {
            while (await queue.WaitToReadAsync())
            {
                while (queue.TryTake(out var item))
                {
                    taken.Add(item.Key);
                }
            }
        });

        await Task.WhenAll(Enumerable.Range(0, 16).Select(grain => Task.Run(async () =>
        {
            for (var n = 0; n < 200; n++)
            {
                await queue.PublishScoreAsync(Score($"m-{grain}-{n}"));
            }
        })));
        queue.Complete();
        await writer.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(16 * 200, taken.Count);
        Assert.Equal(16 * 200, taken.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task A_flush_is_a_barrier_behind_the_outputs_queued_before_it_and_waits_for_its_acknowledgement()
    {
        var queue = NewQueue(capacity: 100);
        await queue.PublishScoreAsync(Score("m-1"));

        var flush = queue.FlushAsync().AsTask();
        var items = TakeAll(queue);

        Assert.Equal("m-1", items[0].Key);
        var barrier = Assert.IsType<TaskCompletionSource>(items[1].Barrier);
        Assert.False(flush.IsCompleted);
        barrier.SetResult();
        await flush.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task After_the_silo_stops_queueing_an_output_is_refused()
    {
        var queue = NewQueue(capacity: 10);
        queue.Complete();

        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.PublishScoreAsync(Score("m-1")).AsTask());
        Assert.False(await queue.WaitToReadAsync());
    }

    private static OutputQueue NewQueue(int capacity) => new(Options.Create(new OutputOptions { QueueCapacity = capacity }));

    private static ScoreRecord Score(string entity) => new("equipment", entity, Ts, 0.5, "equipment-anomaly", 1, "low", false, 0, 0);

    private static List<OutputItem> TakeAll(OutputQueue queue)
    {
        var items = new List<OutputItem>();
        while (queue.TryTake(out var item))
        {
            items.Add(item);
        }

        return items;
    }
}
