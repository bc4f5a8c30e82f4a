using SmeAi.Abstractions;
using SmeAi.Abstractions.Models;

namespace SmeAi.Grains.Models;

/// <summary>Remembers every model name published, for listing.</summary>
public sealed class ModelCatalogGrain(
    [PersistentState("model-catalog", StorageNames.Default)] IPersistentState<ModelCatalogState> catalog) : Grain, IModelCatalogGrain
{
    public async Task AddAsync(string modelName)
    {
        if (catalog.State.Names.Add(modelName))
        {
            await catalog.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> ListAsync() =>
        Task.FromResult<IReadOnlyList<string>>([.. catalog.State.Names.Order(StringComparer.Ordinal)]);
}
