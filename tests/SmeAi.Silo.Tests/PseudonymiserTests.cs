using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events;
using SmeAi.Silo.Kafka;
using SmeAi.Silo.Privacy;

namespace SmeAi.Silo.Tests;

public sealed class PseudonymiserTests
{
    private const string Key = "0123456789abcdef0123456789abcdef-test-key";
    private readonly Pseudonymiser _pseudonymiser = Create(Key);

    [Fact]
    public void An_id_gets_the_same_pseudonym_every_time_and_the_documented_formula_reproduces_it()
    {
        var pseudonym = _pseudonymiser.EntityId("c-42");

        Assert.Equal(pseudonym, _pseudonymiser.EntityId("c-42"));
        Assert.Equal(pseudonym, Create(Key).EntityId("c-42"));
        Assert.Matches("^p-[0-9a-f]{32}$", pseudonym);
        var expected = "p-" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.UTF8.GetBytes("id:c-42")))[..32];
        Assert.Equal(expected, pseudonym);
    }

    [Fact]
    public void Different_ids_and_different_keys_give_different_pseudonyms()
    {
        Assert.NotEqual(_pseudonymiser.EntityId("c-42"), _pseudonymiser.EntityId("c-43"));
        Assert.NotEqual(_pseudonymiser.EntityId("c-42"), Create(Key + "-other").EntityId("c-42"));
        Assert.NotEqual(_pseudonymiser.IpAddress("203.0.113.9"), Create(Key + "-other").IpAddress("203.0.113.9"));
    }

    [Fact]
    public void An_ip_address_becomes_a_stable_unique_local_ipv6_address_whatever_its_spelling()
    {
        var pseudonym = _pseudonymiser.IpAddress("203.0.113.9");

        Assert.DoesNotContain("203.0.113.9", pseudonym, StringComparison.Ordinal);
        var address = IPAddress.Parse(pseudonym);
        Assert.Equal(AddressFamily.InterNetworkV6, address.AddressFamily);
        Assert.Equal(0xfd, address.GetAddressBytes()[0]);
        Assert.Equal(pseudonym, _pseudonymiser.IpAddress("203.0.113.9"));
        Assert.NotEqual(pseudonym, _pseudonymiser.IpAddress("203.0.113.10"));
        Assert.Equal(_pseudonymiser.IpAddress("2001:db8::1"), _pseudonymiser.IpAddress("2001:0DB8:0:0::1"));
        Assert.NotEqual(_pseudonymiser.EntityId("203.0.113.9"), "p-" + pseudonym);
    }

    [Fact]
    public void Without_a_key_values_pass_unchanged()
    {
        var off = Create("");

        Assert.False(off.Enabled);
        Assert.Equal("c-42", off.EntityId("c-42"));
        Assert.Equal("203.0.113.9", off.IpAddress("203.0.113.9"));
    }

    [Theory]
    [InlineData("short-key")]
    [InlineData(" 0123456789abcdef0123456789abcdef ")]
    public void A_weak_key_is_refused_naming_the_setting_without_repeating_the_key(string key)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Create(key));

        Assert.Contains("Privacy:PseudonymisationKey", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key.Trim(), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingestion_files_the_event_under_the_pseudonym_and_the_event_holds_no_raw_id_or_address()
    {
        var adapter = new ContractEventDataAdapter(_pseudonymiser);
        var value = """{"subjectId":"alice","ts":"2026-12-04T10:00:00Z","type":"auth_failure","ip":"203.0.113.9","country":"DE","device":"laptop-3"}""";

        var decoded = adapter.Decode(Message(TopicNames.SecurityEvents, "alice", value));

        Assert.False(decoded.IsRejected, decoded.RejectionReason);
        var security = Assert.IsType<SecurityEvent>(decoded.Payload);
        Assert.Equal(_pseudonymiser.EntityId("alice"), decoded.StreamKey);
        Assert.Equal(_pseudonymiser.EntityId("alice"), security.SubjectId);
        Assert.Equal(_pseudonymiser.IpAddress("203.0.113.9"), security.Ip);
        var stored = Encoding.UTF8.GetString(adapter.Encode(TopicNames.SecurityEvents, security));
        Assert.DoesNotContain("alice", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("203.0.113.9", stored, StringComparison.Ordinal);

        var machine = adapter.Decode(Message(TopicNames.MachineTelemetry, "m-1", """{"machineId":"m-1","ts":"2026-12-04T10:00:00Z","sensors":{"temperature":70}}"""));
        Assert.Equal(_pseudonymiser.EntityId("m-1"), Assert.IsType<MachineTelemetry>(machine.Payload).MachineId);
        var customer = adapter.Decode(Message(TopicNames.CustomerEvents, "c-1", """{"customerId":"c-1","ts":"2026-12-04T10:00:00Z","type":"login"}"""));
        Assert.Equal(_pseudonymiser.EntityId("c-1"), Assert.IsType<CustomerEvent>(customer.Payload).CustomerId);
    }

    [Fact]
    public void Without_a_key_ingestion_keeps_the_message_key_as_the_stream_key()
    {
        var adapter = new ContractEventDataAdapter(Create(""));

        var decoded = adapter.Decode(Message(TopicNames.CustomerEvents, "c-1", """{"customerId":"c-1","ts":"2026-12-04T10:00:00Z","type":"login"}"""));

        Assert.Null(decoded.StreamKey);
        Assert.Equal("c-1", Assert.IsType<CustomerEvent>(decoded.Payload).CustomerId);
    }

    private static Pseudonymiser Create(string key) =>
        new(Options.Create(new PseudonymisationOptions { PseudonymisationKey = key }));

    private static ConsumeResult<byte[], byte[]> Message(string topic, string key, string value) => new()
    {
        Topic = topic,
        Message = new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(key), Value = Encoding.UTF8.GetBytes(value) },
    };
}
