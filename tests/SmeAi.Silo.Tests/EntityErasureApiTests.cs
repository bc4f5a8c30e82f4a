using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SmeAi.Abstractions.Entities;
using SmeAi.Abstractions.Outputs;
using SmeAi.Silo.Apis;
using SmeAi.Silo.Privacy;

namespace SmeAi.Silo.Tests;

public sealed class EntityErasureApiTests
{
    private static readonly Pseudonymiser NoPseudonyms = new(Options.Create(new PseudonymisationOptions()));

    [Fact]
    public async Task A_client_that_goes_away_once_the_grain_is_erased_still_gets_the_stored_alerts_deleted()
    {
        var store = new CancellableAlertStore(alertsOfEntity: 2);
        using var request = new CancellationTokenSource();

        var result = await EntityErasureApi.EraseAsync("m-1", NoPseudonyms, AlertDomains.Equipment, key =>
        {
            request.Cancel();
            return Task.FromResult(new EntityErasure(key, EventsForgotten: 10, TrainingSamplesRemoved: 3));
        }, store, request.Token);

        var answer = Assert.IsType<Ok<EntityErasureApi.ErasureResponse>>(result).Value!;
        Assert.Equal(2, answer.AlertsRemoved);
        Assert.Equal(0, store.AlertsLeft);
    }

    [Fact]
    public async Task A_request_cancelled_before_the_grain_step_erases_nothing()
    {
        var store = new CancellableAlertStore(alertsOfEntity: 2);
        var grainErased = false;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => EntityErasureApi.EraseAsync("m-1", NoPseudonyms, AlertDomains.Equipment, key =>
        {
            grainErased = true;
            return Task.FromResult(new EntityErasure(key, 10, 3));
        }, store, new CancellationToken(canceled: true)));

        Assert.False(grainErased);
        Assert.Equal(2, store.AlertsLeft);
    }

    /// <summary>Gives up on a cancelled token as the PostgreSQL store does.</summary>
    private sealed class CancellableAlertStore(int alertsOfEntity) : IAlertStore
    {
        public int AlertsLeft { get; private set; } = alertsOfEntity;

        public Task<int> DeleteEntityAsync(string domain, string entityId, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var removed = AlertsLeft;
            AlertsLeft = 0;
            return Task.FromResult(removed);
        }

        public Task AddAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<Alert>> QueryAsync(string? domain, DateTimeOffset? since, string? status, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
