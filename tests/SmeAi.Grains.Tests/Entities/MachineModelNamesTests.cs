using SmeAi.Grains.Entities;

namespace SmeAi.Grains.Tests.Entities;

public sealed class MachineModelNamesTests
{
    [Fact]
    public void A_feature_name_with_a_newline_is_refused_so_no_two_sets_share_a_model_name()
    {
        // Joined by newlines, both sets were "a\nb", and the machines of one were scored by the other's models.
        Assert.Throws<ArgumentException>(() => MachineModelNames.ForFeatureSet(MachineModelNames.Prefix, ["a\nb"]));
        Assert.Throws<ArgumentException>(() => MachineModelNames.FailureFor(["a", "b\n"]));
        Assert.Throws<ArgumentException>(() => MachineModelNames.For(["", "a"]));
        Assert.StartsWith(MachineModelNames.Prefix, MachineModelNames.ForFeatureSet(MachineModelNames.Prefix, ["a", "b"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Model_names_of_valid_sensor_sets_are_unchanged()
    {
        // Stored models are found by these names.
        Assert.Equal("equipment-anomaly-73e8bf84", MachineModelNames.For(["temperature", "vibration"]));
        Assert.Equal("equipment-failure-73e8bf84", MachineModelNames.FailureFor(["temperature", "vibration"]));
    }
}
