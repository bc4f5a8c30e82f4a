using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using SmeAi.Silo.Hosting;

namespace SmeAi.Silo.Tests;

public sealed class InProcessGrainStorageTests
{
    private static readonly GrainId Grain = GrainId.Create("machine", "m-1");
    private readonly InProcessGrainStorage _storage = new(new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>());

    [Fact]
    public async Task A_written_state_reads_back_as_a_copy_that_later_changes_do_not_reach()
    {
        var written = new GrainState<List<int>>([1, 2]);
        await _storage.WriteStateAsync("machine", Grain, written);
        written.State!.Add(3);

        var read = new GrainState<List<int>>([]);
        await _storage.ReadStateAsync("machine", Grain, read);

        Assert.Equal([1, 2], read.State);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task A_write_from_a_stale_version_is_refused_and_the_newer_state_stays()
    {
        var first = new GrainState<List<int>>([1]);
        await _storage.WriteStateAsync("machine", Grain, first);
        var stale = new GrainState<List<int>>([]);
        await _storage.ReadStateAsync("machine", Grain, stale);
        first.State = [2];
        await _storage.WriteStateAsync("machine", Grain, first);

        stale.State = [99];
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("machine", Grain, stale));

        var read = new GrainState<List<int>>([]);
        await _storage.ReadStateAsync("machine", Grain, read);
        Assert.Equal([2], read.State);
    }

    [Fact]
    public async Task Cleared_state_is_gone_and_other_states_of_the_grain_stay()
    {
        var machine = new GrainState<List<int>>([1]);
        var other = new GrainState<List<int>>([7]);
        await _storage.WriteStateAsync("machine", Grain, machine);
        await _storage.WriteStateAsync("other", Grain, other);

        await _storage.ClearStateAsync("machine", Grain, machine);

        var read = new GrainState<List<int>>([42]);
        await _storage.ReadStateAsync("machine", Grain, read);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Equal([42], read.State);
        await _storage.ReadStateAsync("other", Grain, read);
        Assert.Equal([7], read.State);
    }
}
