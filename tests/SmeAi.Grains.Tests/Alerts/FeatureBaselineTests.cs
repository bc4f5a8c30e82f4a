using SmeAi.Grains.Alerts;

namespace SmeAi.Grains.Tests.Alerts;

public sealed class FeatureBaselineTests
{
    private static readonly string[] Names = ["temperature", "vibration"];

    [Fact]
    public void Readings_within_the_machine_range_score_low_and_a_far_jump_scores_near_one()
    {
        var baseline = Learned(200);

        var normal = baseline.AnomalyScore(Names, [70.4f, 0.031f], warmup: 30);
        var jump = baseline.AnomalyScore(Names, [95f, 0.031f], warmup: 30);

        Assert.True(normal < 0.01, $"normal reading scored {normal}");
        Assert.True(jump > 0.999, $"jump scored {jump}");
    }

    [Fact]
    public void Nothing_is_scored_before_the_warmup_is_reached()
    {
        var baseline = Learned(10);

        Assert.Equal(0, baseline.AnomalyScore(Names, [500f, 9f], warmup: 30));
    }

    [Fact]
    public void The_explanation_names_the_deviating_sensor_first_with_its_value_and_baseline()
    {
        var baseline = Learned(200);

        var explanation = baseline.Explain(Names, [70f, 0.9f], [], 2);

        Assert.Equal("vibration", explanation[0].Name);
        Assert.Equal(0.9, explanation[0].Value, 5);
        Assert.InRange(explanation[0].Baseline, 0.029, 0.033);
        Assert.True(explanation[0].Deviation > 10);
    }

    [Fact]
    public void Features_the_model_names_come_first()
    {
        var baseline = Learned(200);

        var explanation = baseline.Explain(Names, [70f, 0.9f], [0], 2);

        Assert.Equal(["temperature", "vibration"], explanation.Select(e => e.Name));
    }

    private static FeatureBaseline Learned(int readings)
    {
        var baseline = new FeatureBaseline();
        var random = new Random(7);
        for (var i = 0; i < readings; i++)
        {
            baseline.Learn(Names, [(float)(70 + random.NextDouble() - 0.5), (float)(0.031 + ((random.NextDouble() - 0.5) * 0.004))]);
        }

        return baseline;
    }
}
