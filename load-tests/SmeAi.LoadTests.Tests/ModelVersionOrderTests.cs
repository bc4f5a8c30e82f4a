using System.Text;
using SmeAi.LoadTests.Measurement;
using SmeAi.LoadTests.Pipeline;

namespace SmeAi.LoadTests.Tests;

/// <summary>How the harness tells a hot swap that only moved forward from one where an entity went back to an older version.</summary>
public sealed class ModelVersionOrderTests
{
    [Fact]
    public void Entities_moving_to_a_new_version_count_forward_and_none_back()
    {
        var order = new ModelVersionOrder();
        for (var offset = 0; offset < 10; offset++)
        {
            order.Add(entity: 1, partition: 0, offset, version: offset < 4 ? 1 : 2);
            order.Add(entity: 2, partition: 0, offset + 100, version: offset < 7 ? 1 : 2);
        }

        Assert.Equal(2, order.Forward);
        Assert.Equal(0, order.Backward);
    }

    [Fact]
    public void An_older_version_after_a_newer_one_counts_back_in_either_reading_order()
    {
        var inOrder = new ModelVersionOrder();
        inOrder.Add(entity: 7, partition: 3, offset: 10, version: 2);
        inOrder.Add(entity: 7, partition: 3, offset: 11, version: 1);

        // The later event read first: the earlier one, read after it, carries the newer version.
        var readLate = new ModelVersionOrder();
        readLate.Add(entity: 7, partition: 3, offset: 11, version: 1);
        readLate.Add(entity: 7, partition: 3, offset: 10, version: 2);

        Assert.Equal(1, inOrder.Backward);
        Assert.Equal(1, readLate.Backward);
        Assert.Equal(0, readLate.Forward);
    }

    [Fact]
    public void Unscored_events_and_records_without_an_entity_are_no_version_and_partitions_are_apart()
    {
        var order = new ModelVersionOrder();
        order.Add(entity: 5, partition: 0, offset: 1, version: 2);
        order.Add(entity: 5, partition: 0, offset: 2, version: 0);
        order.Add(entity: 5, partition: 0, offset: 3, version: 2);
        order.Add(entity: 0, partition: 0, offset: 4, version: 3);
        order.Add(entity: 0, partition: 0, offset: 5, version: 1);
        order.Add(entity: 5, partition: 1, offset: 9, version: 1);

        Assert.Equal(0, order.Backward);
        Assert.Equal(0, order.Forward);
    }

    [Fact]
    public void The_reader_gives_one_entity_the_same_key_written_plain_or_escaped_and_two_entities_different_ones()
    {
        static ulong Entity(string entityIdJson)
        {
            var json = Encoding.UTF8.GetBytes($$"""{"entityId":{{entityIdJson}},"ts":"2026-12-05T10:00:00+00:00","partition":3,"offset":42,"modelVersion":2}""");
            Assert.True(ScoreRecordReader.TryRead(json, out var fields));
            Assert.Equal((3, 42L, 2), (fields.Partition, fields.Offset, fields.ModelVersion));
            return fields.Entity;
        }

        Assert.Equal(Entity("\"m-1\""), Entity("\"m\\u002D1\""));
        Assert.NotEqual(Entity("\"m-1\""), Entity("\"m-2\""));
        Assert.NotEqual(0UL, Entity("\"m-1\""));
    }
}
