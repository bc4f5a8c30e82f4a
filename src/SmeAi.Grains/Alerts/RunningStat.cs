namespace SmeAi.Grains.Alerts;

/// <summary>
/// A feature's usual value for one entity: the exact mean and variance of its first readings, then exponentially
/// weighted (1% per reading) so the baseline follows slow change such as seasons or wear without forgetting it at once.
/// </summary>
[GenerateSerializer]
public sealed class RunningStat
{
    private const double SlowestWeight = 0.01;

    [Id(0)]
    public long Count { get; set; }

    [Id(1)]
    public double Mean { get; set; }

    [Id(2)]
    public double Variance { get; set; }

    public void Add(double value)
    {
        Count++;
        var weight = Math.Max(1.0 / Count, SlowestWeight);
        var delta = value - Mean;
        Mean += weight * delta;
        Variance = (1 - weight) * (Variance + (weight * delta * delta));
    }

    /// <summary>Signed standard deviations of <paramref name="value"/> from the mean; the spread has a floor so a constant feature does not make every change infinite.</summary>
    public double Deviation(double value)
    {
        var floor = 1e-3 + (0.01 * Math.Abs(Mean));
        return (value - Mean) / Math.Sqrt(Variance + (floor * floor));
    }
}
