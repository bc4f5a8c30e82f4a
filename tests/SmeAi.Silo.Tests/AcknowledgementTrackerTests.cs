using SmeAi.Silo.Outputs;

namespace SmeAi.Silo.Tests;

public sealed class AcknowledgementTrackerTests
{
    private readonly AcknowledgementTracker _tracker = new();

    [Fact]
    public void A_barrier_with_nothing_outstanding_completes_at_once()
    {
        var barrier = NewBarrier();

        _tracker.AddBarrier(barrier);

        Assert.True(barrier.Task.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_barrier_waits_for_the_records_sent_before_it_and_not_for_later_ones()
    {
        var before = _tracker.Sending();
        var barrier = NewBarrier();
        _tracker.AddBarrier(barrier);
        var after = _tracker.Sending();

        _tracker.Acknowledged(after, failed: false);
        Assert.False(barrier.Task.IsCompleted);

        _tracker.Acknowledged(before, failed: false);
        Assert.True(barrier.Task.IsCompletedSuccessfully);
        Assert.Equal(0, _tracker.Outstanding);
    }

    [Fact]
    public void A_later_barrier_also_waits_for_records_sent_before_an_earlier_one()
    {
        var first = _tracker.Sending();
        var firstBarrier = NewBarrier();
        _tracker.AddBarrier(firstBarrier);
        var second = _tracker.Sending();
        var secondBarrier = NewBarrier();
        _tracker.AddBarrier(secondBarrier);

        _tracker.Acknowledged(second, failed: false);
        Assert.False(firstBarrier.Task.IsCompleted);
        Assert.False(secondBarrier.Task.IsCompleted);

        _tracker.Acknowledged(first, failed: false);
        Assert.True(firstBarrier.Task.IsCompletedSuccessfully);
        Assert.True(secondBarrier.Task.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_refused_record_fails_its_barrier_and_later_ones_but_not_earlier_ones()
    {
        var first = _tracker.Sending();
        var firstBarrier = NewBarrier();
        _tracker.AddBarrier(firstBarrier);
        var refused = _tracker.Sending();
        var refusedBarrier = NewBarrier();
        _tracker.AddBarrier(refusedBarrier);
        var last = _tracker.Sending();
        var lastBarrier = NewBarrier();
        _tracker.AddBarrier(lastBarrier);

        _tracker.Acknowledged(refused, failed: true);
        _tracker.Acknowledged(last, failed: false);
        _tracker.Acknowledged(first, failed: false);

        Assert.True(firstBarrier.Task.IsCompletedSuccessfully);
        Assert.IsType<KafkaOutputException>(refusedBarrier.Task.Exception?.InnerException);
        Assert.IsType<KafkaOutputException>(lastBarrier.Task.Exception?.InnerException);
        Assert.Equal(0, _tracker.Outstanding);
    }

    [Fact]
    public void Abandoned_records_fail_the_barriers_waiting_for_them_and_later_ones_and_later_records_count_afresh()
    {
        var answered = _tracker.Sending();
        _tracker.Acknowledged(answered, failed: false);
        var answeredBarrier = NewBarrier();
        _tracker.AddBarrier(answeredBarrier);
        _tracker.Sending();
        var abandonedBarrier = NewBarrier();
        _tracker.AddBarrier(abandonedBarrier);
        _tracker.Sending();
        var openBarrier = NewBarrier();

        Assert.Equal(2, _tracker.AbandonOutstanding());
        _tracker.AddBarrier(openBarrier);
        var next = _tracker.Sending();
        var nextBarrier = NewBarrier();
        _tracker.AddBarrier(nextBarrier);
        _tracker.Acknowledged(next, failed: false);

        Assert.True(answeredBarrier.Task.IsCompletedSuccessfully);
        Assert.IsType<KafkaOutputException>(abandonedBarrier.Task.Exception?.InnerException);
        Assert.IsType<KafkaOutputException>(openBarrier.Task.Exception?.InnerException);
        Assert.True(nextBarrier.Task.IsCompletedSuccessfully);
        Assert.Equal(0, _tracker.Outstanding);
    }

    [Fact]
    public void A_record_in_hand_when_the_others_are_abandoned_stays_counted_and_its_answer_releases_the_barrier()
    {
        _tracker.Sending();
        var inHand = _tracker.Sending();

        // The writer counted the record, its producer failed, the others were let go, and it goes to the next producer.
        Assert.Equal(1, _tracker.AbandonOutstanding(inHand: 1));
        var barrier = NewBarrier();
        _tracker.AddBarrier(barrier);
        Assert.False(barrier.Task.IsCompleted);
        _tracker.Acknowledged(inHand, failed: false);

        // Failed all the same: a record of its epoch was abandoned.
        Assert.IsType<KafkaOutputException>(barrier.Task.Exception?.InnerException);
        Assert.Equal(0, _tracker.Outstanding);
    }

    [Fact]
    public async Task Acknowledgements_arriving_on_another_thread_release_every_barrier()
    {
        const int Batches = 200;
        var epochs = new List<(AcknowledgementTracker.Epoch Epoch, int Records)>();
        var barriers = new List<TaskCompletionSource>();
        for (var batch = 0; batch < Batches; batch++)
        {
            var epoch = _tracker.Sending();
            for (var record = 1; record < 5; record++)
            {
                _tracker.Sending();
            }

            epochs.Add((epoch, 5));
            var barrier = NewBarrier();
            _tracker.AddBarrier(barrier);
            barriers.Add(barrier);
        }

        Assert.All(barriers, b => Assert.False(b.Task.IsCompleted));
        await Task.Run(() =>
        {
            foreach (var (epoch, records) in epochs)
            {
                for (var record = 0; record < records; record++)
                {
                    _tracker.Acknowledged(epoch, failed: false);
                }
            }
        });

        Assert.All(barriers, b => Assert.True(b.Task.IsCompletedSuccessfully));
        Assert.Equal(0, _tracker.Outstanding);
    }

    private static TaskCompletionSource NewBarrier() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
