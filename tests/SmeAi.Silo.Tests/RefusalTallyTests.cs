using System.Net;
using Orleans.Runtime;
using SmeAi.Silo.Clustering;

namespace SmeAi.Silo.Tests;

public sealed class RefusalTallyTests
{
    private static readonly SiloAddress A = Silo(11111);
    private static readonly SiloAddress B = Silo(11112);
    private static readonly SiloAddress C = Silo(11113);

    private readonly RefusalTally _tally = new();

    [Fact]
    public void A_silo_that_refuses_twice_in_a_row_is_named_crashed()
    {
        Assert.Empty(_tally.Record(Round((A, SiloPortState.Refused))));
        Assert.Equal([A], _tally.Record(Round((A, SiloPortState.Refused))));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Any_other_answer_starts_the_count_again(bool listening)
    {
        var between = listening ? SiloPortState.Listening : SiloPortState.Unknown;
        _tally.Record(Round((A, SiloPortState.Refused)));
        _tally.Record(Round((A, between)));

        Assert.Empty(_tally.Record(Round((A, SiloPortState.Refused))));
        Assert.Equal([A], _tally.Record(Round((A, SiloPortState.Refused))));
    }

    [Fact]
    public void Only_the_refusing_silo_is_named_while_the_others_listen()
    {
        _tally.Record(Round((A, SiloPortState.Listening), (B, SiloPortState.Refused), (C, SiloPortState.Unknown)));

        Assert.Equal([B], _tally.Record(Round((A, SiloPortState.Listening), (B, SiloPortState.Refused), (C, SiloPortState.Refused))));
    }

    [Fact]
    public void Rounds_in_which_no_silo_of_several_listens_count_for_nothing()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Empty(_tally.Record(Round((A, SiloPortState.Refused), (B, SiloPortState.Refused))));
        }

        // The count did not grow meanwhile: a round with a listener needs two refusals again.
        Assert.Empty(_tally.Record(Round((A, SiloPortState.Refused), (B, SiloPortState.Listening))));
        Assert.Equal([A], _tally.Record(Round((A, SiloPortState.Refused), (B, SiloPortState.Listening))));
    }

    [Fact]
    public void A_silo_missing_from_a_round_is_forgotten()
    {
        _tally.Record(Round((A, SiloPortState.Refused)));
        _tally.Record(Round((B, SiloPortState.Listening)));

        Assert.Empty(_tally.Record(Round((A, SiloPortState.Refused))));
    }

    [Fact]
    public void Cleared_and_forgotten_counts_start_again()
    {
        _tally.Record(Round((A, SiloPortState.Refused), (B, SiloPortState.Listening)));
        _tally.Clear();
        Assert.Empty(_tally.Record(Round((A, SiloPortState.Refused), (B, SiloPortState.Listening))));

        _tally.Forget(A);
        Assert.Empty(_tally.Record(Round((A, SiloPortState.Refused), (B, SiloPortState.Listening))));
    }

    private static SiloAddress Silo(int port) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 1);

    private static Dictionary<SiloAddress, SiloPortState> Round(params (SiloAddress Silo, SiloPortState State)[] answers) =>
        answers.ToDictionary(answer => answer.Silo, answer => answer.State);
}
