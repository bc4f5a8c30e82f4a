namespace SmeAi.Abstractions.Models;

/// <summary>The names of all models that have ever been published, so the API can list them. Use key 0.</summary>
public interface IModelCatalogGrain : IGrainWithIntegerKey
{
    Task AddAsync(string modelName);

    Task<IReadOnlyList<string>> ListAsync();
}
