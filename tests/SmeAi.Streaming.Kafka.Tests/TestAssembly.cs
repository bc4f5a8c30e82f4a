// The lifecycle tests compare librdkafka's native threads before and after a broker's life; clients of
// other tests running at the same time would add and remove threads of their own.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
