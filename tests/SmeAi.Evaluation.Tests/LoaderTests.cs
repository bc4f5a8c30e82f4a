using SmeAi.Evaluation.Datasets;

namespace SmeAi.Evaluation.Tests;

public sealed class LoaderTests
{
    [Fact]
    public void Nsl_kdd_has_the_readme_row_count_and_one_hot_categories()
    {
        var data = NslKdd.Load(DatasetsFolder.Path);

        Assert.Equal(25_192, data.Rows.Count);
        Assert.Equal(38 + 3 + 70 + 11, data.Schema.Count);
        Assert.All(data.Rows, r => Assert.Equal(data.Schema.Count, r.Length));
        Assert.Equal(data.AttackNames.Count(n => n != NslKdd.NormalLabel), data.Labels.Count(l => l));
        Assert.InRange(data.Labels.Count(l => !l), 13_000, 14_000);

        // The first record is a udp 'private' teardrop connection with SF flag and 28 source bytes.
        float Value(string feature) => data.Rows[0][data.Schema.IndexOf(feature)];
        Assert.Equal(1f, Value("protocol_type=udp"));
        Assert.Equal(1f, Value("service=private"));
        Assert.Equal(1f, Value("flag=SF"));
        Assert.Equal(MathF.Log(29), Value("log_src_bytes"), 5);
        Assert.Equal("teardrop", data.AttackNames[0]);
        Assert.True(data.Labels[0]);
    }

    [Fact]
    public void Ai4i_has_the_readme_rows_and_failures_and_no_failure_mode_features()
    {
        var data = Ai4i2020.Load(DatasetsFolder.Path);

        Assert.Equal(10_000, data.Rows.Count);
        Assert.Equal(339, data.Labels.Count(l => l));
        Assert.DoesNotContain(data.Schema.FeatureNames, n => n is "TWF" or "HDF" or "PWF" or "OSF" or "RNF");
        var first = data.Readings[0];
        Assert.Equal(("M14860", "M", 298.1, 1551.0), (first.ProductId, first.Type, first.AirTemperatureK, first.RotationalSpeedRpm));
        Assert.Equal(308.6 - 298.1, data.Rows[0][data.Schema.IndexOf("temperature_difference_k")], 3);
    }

    [Fact]
    public void Cmapss_has_100_engines_and_20631_cycles_each_ending_in_failure()
    {
        var data = CmapssFd001.Load(DatasetsFolder.Path);

        Assert.Equal(20_631, data.Cycles.Count);
        Assert.Equal(100, data.Engines.Count);
        Assert.Equal(14, CmapssFd001.Schema.Count);
        Assert.All(data.Engines, e => Assert.Equal(data.FailureCycle[e], data.Cycles.Count(c => c.Engine == e)));
        Assert.Equal(641.82f, CmapssFd001.Encode(data.Cycles[0])[0], 2);
    }

    [Fact]
    public void Telco_rows_are_reused_from_the_ml_loader()
    {
        var data = ML.Datasets.TelcoChurn.Load(Path.Combine(DatasetsFolder.Path, "telco-churn", "telco-churn-dev.csv"));

        Assert.Equal(5_650, data.Rows.Count);
        Assert.Equal(1_518, data.Labels.Count(l => l));
    }
}
