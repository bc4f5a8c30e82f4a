using System.Text.RegularExpressions;
using SmeAi.Testing;

namespace SmeAi.IntegrationTests;

/// <summary>A silo that has seen no event yet already exposes the counters an operator alerts on, at 0.</summary>
public sealed partial class QuietSiloMetricsTests
{
    [Fact]
    public async Task Before_any_event_every_domain_s_scored_count_every_topic_s_dead_letter_count_and_the_redelivered_count_read_0()
    {
        await using var silo = await SiloProcess.StartHealthyAsync(new Dictionary<string, string> { ["Simulator:Embedded:Enabled"] = "false" }, TimeSpan.FromSeconds(90));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var metrics = "";
        while (ScoredZero().Count(metrics) < 3 && !deadline.IsCancellationRequested)
        {
            await Task.Delay(500, CancellationToken.None);
            metrics = await silo.Http.GetStringAsync(new Uri("metrics", UriKind.Relative));
        }

        Assert.Equal(["churn", "equipment", "security"], ScoredZero().Matches(metrics).Select(m => m.Groups["domain"].Value).Order());
        Assert.Matches("smeai_kafka_events_deadlettered_total\\{[^}]*topic=\"machine-telemetry\"[^}]*\\} 0", metrics);
        Assert.Matches("smeai_events_redelivered_total(\\{[^}]*\\})? 0\\b", metrics);
    }

    [GeneratedRegex("smeai_events_scored_total\\{[^}]*domain=\"(?<domain>[a-z]+)\"[^}]*\\} 0\\b")]
    private static partial Regex ScoredZero();
}
