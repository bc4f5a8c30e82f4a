using Microsoft.Extensions.Options;
using SmeAi.Silo.Privacy;

namespace SmeAi.Silo.Tests;

/// <summary>The key the API looks an id up by: what ingestion made of the raw id, or a pseudonym as given.</summary>
public sealed class PseudonymiserEntityKeyTests
{
    private readonly Pseudonymiser _pseudonymiser = new(Options.Create(new PseudonymisationOptions { PseudonymisationKey = "entity-key-tests-0123456789abcdef-key" }));

    [Fact]
    public void A_raw_id_becomes_the_pseudonym_ingestion_gives_it_and_a_pseudonym_stays_as_it_is()
    {
        var pseudonym = _pseudonymiser.EntityId("c-42");

        Assert.Equal(pseudonym, _pseudonymiser.EntityKey("c-42"));
        Assert.Equal(pseudonym, _pseudonymiser.EntityKey(pseudonym));
    }

    [Theory]
    [InlineData("p-42")]
    [InlineData("p-3F9C0000000000000000000000000000")]
    [InlineData("p-3f9c00000000000000000000000000000")]
    [InlineData("q-3f9c0000000000000000000000000000")]
    public void An_id_only_resembling_a_pseudonym_is_pseudonymised_like_any_raw_id(string id)
    {
        Assert.Equal(_pseudonymiser.EntityId(id), _pseudonymiser.EntityKey(id));
        Assert.NotEqual(id, _pseudonymiser.EntityKey(id));
    }

    [Fact]
    public void Without_a_key_every_id_is_its_own_key()
    {
        var off = new Pseudonymiser(Options.Create(new PseudonymisationOptions()));

        Assert.Equal("c-42", off.EntityKey("c-42"));
        Assert.Equal("p-3f9c0000000000000000000000000000", off.EntityKey("p-3f9c0000000000000000000000000000"));
    }
}
