namespace SmeAi.Grains.Entities;

/// <summary>A sensor set as machine grains share it: the sorted sensor names and the names of the set's anomaly and failure models.</summary>
public sealed record MachineSensorSet(string[] Names, string ModelName, string FailureModelName);

/// <summary>The sensor sets machines report, shared once per silo (<see cref="FeatureSetCache{TSet}"/>).</summary>
public static class MachineSensorSets
{
    private static readonly FeatureSetCache<MachineSensorSet> _sets = new(
        names => new MachineSensorSet(names, MachineModelNames.For(names), MachineModelNames.FailureFor(names)), set => set.Names);

    /// <summary>The shared set of <paramref name="sortedNames"/> (sorted ordinally), made on first sight.</summary>
    public static MachineSensorSet For(string[] sortedNames) => _sets.For(sortedNames);

    /// <summary>The sensor set of a reading and its values in that set's order.</summary>
    public static (MachineSensorSet Set, float[] Row) Row(IReadOnlyDictionary<string, double> sensors) => _sets.Row(sensors);
}
