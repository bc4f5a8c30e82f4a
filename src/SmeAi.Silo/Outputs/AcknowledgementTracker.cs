namespace SmeAi.Silo.Outputs;

/// <summary>
/// Tells when Kafka has acknowledged every record sent before a barrier, without stopping the writer. Records are
/// counted in epochs; a barrier closes the open epoch and completes once that epoch and all older ones have no record
/// outstanding. A blocking producer flush per barrier would instead halt all output until the producer is empty,
/// which capped the pipeline at a fraction of the stream's rate.
/// </summary>
internal sealed class AcknowledgementTracker
{
    private readonly Lock _lock = new();
    private readonly Queue<Epoch> _closed = new();
    private Epoch _open = new();

    /// <summary>Records sent and not yet acknowledged or failed.</summary>
    public long Outstanding
    {
        get
        {
            lock (_lock)
            {
                return _open.Outstanding + _closed.Sum(e => e.Outstanding);
            }
        }
    }

    /// <summary>Counts a record about to be sent; pass the result to <see cref="Acknowledged"/> when Kafka answers.</summary>
    public Epoch Sending()
    {
        lock (_lock)
        {
            _open.Outstanding++;
            return _open;
        }
    }

    /// <summary>
    /// Kafka answered for a record of <paramref name="epoch"/>. A failed record fails its own epoch's barriers and every
    /// later one: the grain that queued it may be waiting on any of them.
    /// </summary>
    public void Acknowledged(Epoch epoch, bool failed)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        List<(TaskCompletionSource Barrier, bool Failed)>? released;
        lock (_lock)
        {
            epoch.Outstanding--;
            if (failed)
            {
                MarkFailedFrom(epoch);
            }

            released = ReleaseCompleted();
        }

        Complete(released);
    }

    /// <summary>
    /// Every record still outstanding will never be answered (its producer was let go), except the last
    /// <paramref name="inHand"/> of the open epoch, counted but not yet handed to that producer, which stay outstanding
    /// (they go to the next one). The abandoned ones count as failed, as if Kafka had refused them, so the barriers after
    /// them complete instead of waiting for answers that cannot come. Returns how many records were abandoned.
    /// </summary>
    public long AbandonOutstanding(int inHand = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inHand);
        List<(TaskCompletionSource Barrier, bool Failed)>? released;
        long abandoned;
        lock (_lock)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(inHand, _open.Outstanding);
            var first = _closed.FirstOrDefault(e => e.Outstanding > 0) ?? (_open.Outstanding > inHand ? _open : null);
            if (first is null)
            {
                return 0;
            }

            MarkFailedFrom(first);
            abandoned = _open.Outstanding - inHand;
            foreach (var closed in _closed)
            {
                abandoned += closed.Outstanding;
                closed.Outstanding = 0;
            }

            _open.Outstanding = inHand;
            released = ReleaseCompleted();
        }

        Complete(released);
        return abandoned;
    }

    /// <summary>Completes <paramref name="barrier"/> once everything sent before this call is acknowledged.</summary>
    public void AddBarrier(TaskCompletionSource barrier)
    {
        ArgumentNullException.ThrowIfNull(barrier);
        List<(TaskCompletionSource Barrier, bool Failed)>? released;
        lock (_lock)
        {
            _open.Barriers.Add(barrier);
            _closed.Enqueue(_open);
            _open = new Epoch();
            released = ReleaseCompleted();
        }

        Complete(released);
    }

    private void MarkFailedFrom(Epoch epoch)
    {
        var marking = false;
        foreach (var closed in _closed)
        {
            marking |= ReferenceEquals(closed, epoch);
            closed.Failed |= marking;
        }

        _open.Failed = true;
    }

    private List<(TaskCompletionSource Barrier, bool Failed)>? ReleaseCompleted()
    {
        List<(TaskCompletionSource, bool)>? released = null;
        while (_closed.TryPeek(out var oldest) && oldest.Outstanding == 0)
        {
            _closed.Dequeue();
            released ??= [];
            released.AddRange(oldest.Barriers.Select(b => (b, oldest.Failed)));
        }

        return released;
    }

    // Outside the lock: a barrier's continuations run elsewhere (RunContinuationsAsynchronously), but completing
    // under the lock would still hold up the delivery-report thread for every waiting grain.
    private static void Complete(List<(TaskCompletionSource Barrier, bool Failed)>? released)
    {
        if (released is null)
        {
            return;
        }

        foreach (var (barrier, failed) in released)
        {
            if (failed)
            {
                barrier.TrySetException(new KafkaOutputException("Kafka refused an output record queued before this point (the silo's log says why); this write of the grain's state is not made."));
            }
            else
            {
                barrier.TrySetResult();
            }
        }
    }

    /// <summary>Records sent between two barriers.</summary>
    internal sealed class Epoch
    {
        public long Outstanding { get; set; }

        public bool Failed { get; set; }

        public List<TaskCompletionSource> Barriers { get; } = [];
    }
}
