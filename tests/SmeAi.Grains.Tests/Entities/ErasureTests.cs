using Orleans.Streams;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Entities;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Training;
using SmeAi.Grains.Entities;

namespace SmeAi.Grains.Tests.Entities;

/// <summary>Right to erasure at the grain: the customer's state and its samples in the churn trainer go, another customer's stay.</summary>
[Collection(TwoSiloClusterDefinition.Name)]
public sealed class ErasureTests(TwoSiloClusterFixture cluster)
{
    /// <summary>Rows an entity grain sends its trainer at once (TrainerFeed.BatchSize).</summary>
    private const int FeedBatch = 25;

    private static readonly DateTimeOffset Start = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Erasing_a_customer_clears_its_events_and_removes_only_its_training_samples()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (erased, kept) = ($"c-erase-{suffix}", $"c-keep-{suffix}");
        const int Events = FeedBatch + 5;
        foreach (var customer in new[] { erased, kept })
        {
            var stream = cluster.Cluster.Client.GetStreamProvider(StreamNames.KafkaProvider)
                .GetStream<CustomerEvent>(StreamId.Create(StreamNames.CustomerEvents, customer));
            for (var i = 0; i < Events; i++)
            {
                await stream.OnNextAsync(new CustomerEvent(customer, Start.AddMinutes(i), i % 4 == 0 ? "purchase" : "login", i % 4 == 0 ? 15 : null, null));
            }
        }

        await WaitForEventsAsync(erased, Events);
        await WaitForEventsAsync(kept, Events);
        var trainer = cluster.Grains.GetGrain<ITrainerGrain>(CustomerGrain.ModelName);
        await WaitForSamplesAsync(trainer, atLeast: 2 * FeedBatch);

        var erasure = await cluster.Grains.GetGrain<ICustomerGrain>(erased).EraseAsync();
        var after = await trainer.GetStatusAsync();

        Assert.Equal((erased, (long)Events), (erasure.EntityId, erasure.EventsForgotten));
        Assert.Equal(0, (await cluster.Grains.GetGrain<ICustomerGrain>(erased).GetSnapshotAsync()).EventsProcessed);
        Assert.Equal(Events, (await cluster.Grains.GetGrain<ICustomerGrain>(kept).GetSnapshotAsync()).EventsProcessed);
        Assert.InRange(erasure.TrainingSamplesRemoved, FeedBatch, Events);
        Assert.Equal(0, await trainer.ForgetEntityAsync(erased));
        Assert.True(await trainer.ForgetEntityAsync(kept) >= FeedBatch, $"the other customer's samples stay ({after.Samples} held)");
    }

    private async Task WaitForEventsAsync(string customer, long events)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await cluster.Grains.GetGrain<ICustomerGrain>(customer).GetSnapshotAsync()).EventsProcessed < events)
        {
            await Task.Delay(50, deadline.Token);
        }
    }

    private static async Task WaitForSamplesAsync(ITrainerGrain trainer, int atLeast)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            if ((await trainer.GetStatusAsync()).Samples >= atLeast)
            {
                return;
            }

            await Task.Delay(50, deadline.Token);
        }
    }
}
