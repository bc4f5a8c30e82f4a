using System.Text;
using Confluent.Kafka;
using SmeAi.Streaming.Kafka.Data;
using SmeAi.Streaming.Kafka.Provider;
using SmeAi.Streaming.Kafka.Tests.Support;

namespace SmeAi.Streaming.Kafka.Tests.Provider;

/// <summary>A custom data adapter that returns neither an event nor a reason has its message dead-lettered, not dropped.</summary>
public sealed class KafkaEmptyDecodeResultTests
{
    [Fact]
    public async Task A_message_decoded_to_neither_an_event_nor_a_reason_is_dead_lettered_with_a_reason()
    {
        await using var harness = new ReceiverHarness("empty-decode-result", decorateAdapter: adapter => new EmptyResultFor(adapter, Seq: 1));
        using (var producer = KafkaClients.Producer(harness.Broker.BootstrapServers))
        {
            KafkaClients.ProduceAll(producer, ReceiverHarness.Topic, [.. Enumerable.Range(0, 3).Select(seq => ("k", TestTopics.Json("k", seq)))]);
        }

        await harness.Receiver.Initialize(Poll.DefaultTimeout, CancellationToken.None);
        var containers = await harness.ReadUntilAsync(endOffset: 3);

        Assert.Equal([0L, 2L], containers.SelectMany(c => c.Offsets));
        Assert.DoesNotContain(null, containers.SelectMany(c => c.Events));
        using var deadLetters = TestTopics.DeadLetterConsumer(harness.Broker.BootstrapServers);
        var letter = Assert.Single(KafkaClients.ConsumeExactly(deadLetters, 1));
        Assert.Equal("1", Header(letter, KafkaDeadLetterHeaders.SourceOffset));
        Assert.Equal(KafkaDeadLetterHeaders.KindRejected, Header(letter, KafkaDeadLetterHeaders.Kind));
        Assert.Equal("data adapter returned neither an event nor a reason", Header(letter, KafkaDeadLetterHeaders.Reason));
    }

    private static string Header(ConsumeResult<string, string> result, string name) =>
        Encoding.UTF8.GetString(result.Message.Headers.GetLastBytes(name));

    /// <summary>A data adapter that returns <c>default</c> for the event with sequence number <paramref name="Seq"/>.</summary>
    private sealed record EmptyResultFor(IKafkaDataAdapter Inner, int Seq) : IKafkaDataAdapter
    {
        public KafkaDecodeResult Decode(ConsumeResult<byte[], byte[]> message)
        {
            var decoded = Inner.Decode(message);
            return decoded.Payload is TestEvent { Seq: var seq } && seq == Seq ? default : decoded;
        }

        public byte[] Encode(string topic, object payload) => Inner.Encode(topic, payload);
    }
}
