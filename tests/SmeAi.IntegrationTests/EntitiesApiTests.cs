using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeAi.Abstractions;

namespace SmeAi.IntegrationTests;

/// <summary>
/// An id the platform has never seen is reported as not found by GET and DELETE, not as an entity or an erasure; an id no
/// entity can have is a 400.
/// </summary>
public sealed class EntitiesApiTests(EmbeddedSiloFixture fixture) : IClassFixture<EmbeddedSiloFixture>
{
    [Theory]
    [InlineData("api/machines/", "machineId")]
    [InlineData("api/customers/", "customerId")]
    [InlineData("api/risk/", "subjectId")]
    public async Task An_unknown_id_is_found_false_on_get_and_on_delete_nothing_is_reported_erased(string path, string idProperty)
    {
        var id = "never-seen-" + Guid.NewGuid().ToString("N")[..8];

        var entity = await fixture.Silo.Http.GetFromJsonAsync<JsonElement>(new Uri(path + id, UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(path + id, UriKind.Relative));
        request.Headers.Add("X-Api-Key", fixture.ApiKey);
        using var response = await fixture.Silo.Http.SendAsync(request);
        var erasure = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(id, entity.GetProperty(idProperty).GetString());
        Assert.False(entity.GetProperty("found").GetBoolean());
        Assert.Equal(0, entity.GetProperty("eventsProcessed").GetInt64());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, erasure.GetProperty("entityId").GetString());
        Assert.False(erasure.GetProperty("found").GetBoolean());
        Assert.False(erasure.GetProperty("stateCleared").GetBoolean());
        Assert.Equal(0, erasure.GetProperty("eventsForgotten").GetInt64());
    }

    [Theory]
    [InlineData("api/machines/%20")]
    [InlineData("api/customers/%20%20%20")]
    [InlineData("api/risk/%20%20")]
    public async Task A_white_space_id_is_400_on_get_and_on_delete(string path)
    {
        using var read = await fixture.Silo.Http.GetAsync(new Uri(path, UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(path, UriKind.Relative));
        request.Headers.Add("X-Api-Key", fixture.ApiKey);
        using var erase = await fixture.Silo.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, read.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, erase.StatusCode);
        Assert.Contains("not only white space", await erase.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_erasure_answer_names_every_topic_that_keeps_the_entity_until_retention()
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri("api/machines/caveat-" + Guid.NewGuid().ToString("N")[..8], UriKind.Relative));
        request.Headers.Add("X-Api-Key", fixture.ApiKey);
        using var response = await fixture.Silo.Http.SendAsync(request);
        var caveat = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caveat").GetString();

        Assert.All(TopicNames.Inputs.Concat(TopicNames.Outputs), topic => Assert.Contains(topic, caveat, StringComparison.Ordinal));
        Assert.Contains("retention", caveat, StringComparison.Ordinal);
    }
}
