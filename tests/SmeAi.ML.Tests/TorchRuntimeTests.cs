using TorchSharp;

namespace SmeAi.ML.Tests;

public class TorchRuntimeTests
{
    [Fact]
    public void Native_backend_loads_and_computes()
    {
        TorchRuntime.EnsureLoaded();

        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new float[] { 1, 2, 3, 4 }, 2, 2);
        var b = torch.tensor(new float[] { 5, 6, 7, 8 }, 2, 2);
        var product = a.matmul(b).data<float>().ToArray();

        Assert.Equal(new float[] { 19, 22, 43, 50 }, product);
    }
}
