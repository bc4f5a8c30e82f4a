using Orleans.Concurrency;

namespace SmeAi.Abstractions.Models;

/// <summary>A silo's model cache, told by a model grain that a different version became current.</summary>
public interface IModelObserver : IGrainObserver
{
    [OneWay]
    Task OnCurrentVersionChanged(string modelName, int version);
}
