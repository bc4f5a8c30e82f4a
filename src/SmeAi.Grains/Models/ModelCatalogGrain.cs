using SmeAi.Abstractions;
using SmeAi.Abstractions.Models;

namespace SmeAi.Grains.Models;

/// <summary>Remembers every model name published, for listing.</summary>
public sealed class ModelCatalogGrain(
    [PersistentState("model-catalog", StorageNames.Default)] IPersistentState<ModelCatalogState> catalog) : Grain, IModelCatalogGrain
{
    public async Task AddAsync(string modelName)
    {
        if (!catalog.State.Names.Add(modelName))
        {
            return;
        }

        try
        {
            await catalog.WriteStateAsync();
        }
        catch
        {
            // Not stored, so not listed: the next add of the name writes it again.
            catalog.State.Names.Remove(modelName);
            throw;
        }
    }

    public Task<IReadOnlyList<string>> ListAsync() =>
        Task.FromResult<IReadOnlyList<string>>([.. catalog.State.Names.Order(StringComparer.Ordinal)]);
}
