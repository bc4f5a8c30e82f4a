using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events;
using SmeAi.Silo.Kafka;
using SmeAi.Silo.Privacy;

namespace SmeAi.Silo.Tests;

/// <summary>The message key must be the event's entity id; an accepted event keeps the message key as its stream key.</summary>
public sealed class ContractEventDataAdapterKeyTests
{
    private readonly ContractEventDataAdapter _adapter =
        new(new Pseudonymiser(Options.Create(new PseudonymisationOptions { PseudonymisationKey = "" })));

    [Theory]
    [InlineData("c-1")]
    [InlineData("kunde-müller-äöü")]
    [InlineData("a-long-id-of-about-a-hundred-characters-0123456789012345678901234567890123456789012345678901234567890123456789")]
    public void A_key_equal_to_the_id_is_accepted_under_the_message_key(string id)
    {
        var decoded = _adapter.Decode(Login(key: id, customerId: id));

        Assert.Null(decoded.RejectionReason);
        Assert.Null(decoded.StreamKey);
        Assert.Equal(id, Assert.IsType<CustomerEvent>(decoded.Payload).CustomerId);
    }

    [Theory]
    [InlineData("c-2", "c-1")]
    [InlineData("c-1 ", "c-1")]
    [InlineData("kunde-muller", "kunde-müller")]
    [InlineData("a-long-id-of-about-a-hundred-characters-0123456789012345678901234567890123456789012345678901234567890123456789", "a-long-id-of-about-a-hundred-characters-0123456789012345678901234567890123456789012345678901234567890123456780")]
    public void A_key_that_is_not_the_id_is_rejected_naming_both(string key, string id)
    {
        var decoded = _adapter.Decode(Login(key, id));

        Assert.Null(decoded.Payload);
        Assert.StartsWith($"message key '{key[..Math.Min(key.Length, 20)]}", decoded.RejectionReason, StringComparison.Ordinal);
        Assert.Contains("is not the event's entity id", decoded.RejectionReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_without_a_key_is_rejected()
    {
        var message = Login("c-1", "c-1");
        message.Message.Key = null!;

        var decoded = _adapter.Decode(message);

        Assert.Contains("is not the event's entity id 'c-1'", decoded.RejectionReason, StringComparison.Ordinal);
    }

    private static ConsumeResult<byte[], byte[]> Login(string key, string customerId) => new()
    {
        Topic = TopicNames.CustomerEvents,
        Message = new Message<byte[], byte[]>
        {
            Key = Encoding.UTF8.GetBytes(key),
            Value = Encoding.UTF8.GetBytes($$"""{"customerId":"{{customerId}}","ts":"2026-12-04T10:00:00Z","type":"login"}"""),
        },
    };
}
