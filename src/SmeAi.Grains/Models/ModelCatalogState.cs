namespace SmeAi.Grains.Models;

[GenerateSerializer]
public sealed class ModelCatalogState
{
    [Id(0)]
    public HashSet<string> Names { get; set; } = new(StringComparer.Ordinal);
}
