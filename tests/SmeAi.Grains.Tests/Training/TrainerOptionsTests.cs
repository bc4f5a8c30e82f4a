using Microsoft.Extensions.Configuration;
using SmeAi.Grains.Training;

namespace SmeAi.Grains.Tests.Training;

public sealed class TrainerOptionsTests
{
    [Fact]
    public void Each_classifier_kind_gets_its_settings_and_configuration_replaces_them_field_by_field()
    {
        var options = new TrainerOptions();
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Training:Classifiers:equipment-failure:HiddenSizes:0"] = "64",
                ["Training:Classifiers:equipment-failure:HiddenSizes:1"] = "32",
                ["Training:Classifiers:equipment-failure:EnsembleSize"] = "3",
                ["Training:Classifiers:churn-premium:Epochs"] = "7",
                ["Training:Classifiers:churn-premium:LearningRate"] = "0.0005",
            })
            .Build()
            .GetSection(TrainerOptions.SectionName)
            .Bind(options);

        var failure = options.ClassifierFor("equipment-failure-3f2a9c1b");
        Assert.Equal([64, 32], failure.HiddenSizes);
        Assert.Equal((200, 0.003, 3), (failure.Epochs, failure.LearningRate, failure.EnsembleSize));
        Assert.Equal(10_000, options.ReservoirCapacityFor("equipment-failure-3f2a9c1b"));
        var churn = options.ClassifierFor("churn");
        Assert.Equal([16], churn.HiddenSizes);
        Assert.Equal((30, 0.01, 1), (churn.Epochs, churn.WeightDecay, churn.EnsembleSize));
        Assert.Equal((7, 0.0005), (options.ClassifierFor("churn-premium").Epochs, options.ClassifierFor("churn-premium").LearningRate));
        Assert.Equal(options.Epochs, options.ClassifierFor("test-classifier").Epochs);
        Assert.Equal(options.ReservoirCapacity, options.ReservoirCapacityFor("equipment-anomaly-3f2a9c1b"));
        Assert.True(new TrainerOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void The_gate_slice_is_a_fifth_of_the_rows_chosen_by_entity_and_event_time_alone()
    {
        var rows = SyntheticRows.NormalRows(2_000, 5);
        var gate = rows.Where(r => ChallengerTraining.InGate(r, 0.2)).ToList();

        Assert.InRange(gate.Count, 340, 460);
        Assert.InRange(gate.Select(r => r.EntityId).Distinct().Count(), 15, 20);
        // The same reading in a later reservoir (other values around it, labelled since) is still a gate row, so no version trains on it.
        Assert.All(rows, r => Assert.Equal(ChallengerTraining.InGate(r, 0.2), ChallengerTraining.InGate(r with { Values = [0, 0], Positive = true }, 0.2)));
    }
}
