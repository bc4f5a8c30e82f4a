using Orleans.Runtime;

namespace SmeAi.Silo.Clustering;

/// <summary>
/// Counts, per silo, the rounds in a row whose connect was refused, and names the silos that reached
/// <see cref="RefusalsToDeclareDead"/>. Any other answer starts a silo's count again.
/// </summary>
internal sealed class RefusalTally
{
    /// <summary>
    /// Refusals in a row that make a silo crashed. The second gives a graceful stop's gossip time to arrive; the real
    /// guard is the membership table, read again before a silo is declared dead.
    /// </summary>
    public const int RefusalsToDeclareDead = 2;

    private readonly Dictionary<SiloAddress, int> _refusals = [];

    /// <summary>
    /// Takes one round's answers (every active silo but this one) and returns the silos to declare dead. With two or
    /// more silos asked and none listening the round counts for nothing: this silo's own connections are more likely
    /// refused (a firewall rejecting them) than every other silo crashed at once.
    /// </summary>
    public IReadOnlyList<SiloAddress> Record(IReadOnlyDictionary<SiloAddress, SiloPortState> round)
    {
        foreach (var gone in _refusals.Keys.Where(silo => !round.ContainsKey(silo)).ToArray())
        {
            _refusals.Remove(gone);
        }

        if (round.Count >= 2 && !round.Values.Contains(SiloPortState.Listening))
        {
            return [];
        }

        var crashed = new List<SiloAddress>();
        foreach (var (silo, state) in round)
        {
            if (state != SiloPortState.Refused)
            {
                _refusals.Remove(silo);
                continue;
            }

            var refusals = _refusals[silo] = _refusals.GetValueOrDefault(silo) + 1;
            if (refusals >= RefusalsToDeclareDead)
            {
                crashed.Add(silo);
            }
        }

        return crashed;
    }

    /// <summary>Starts over, e.g. while this silo is not active itself.</summary>
    public void Clear() => _refusals.Clear();

    /// <summary>Forgets a silo once it has been declared dead.</summary>
    public void Forget(SiloAddress silo) => _refusals.Remove(silo);
}
