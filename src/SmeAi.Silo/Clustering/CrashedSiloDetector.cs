using Microsoft.Extensions.Options;
using Orleans.Runtime;
using SmeAi.Silo.Configuration;

namespace SmeAi.Silo.Clustering;

/// <summary>
/// Declares dead, within a fraction of a second, an active silo whose silo port refuses connections. A live silo
/// listens on its port until after it has left the Active state in the membership table, so a refusal means its
/// process is gone; Orleans' own probes would take <c>ProbeTimeout</c> times <c>NumMissedProbesLimit</c> and a retry
/// pause (15 s and more with Orleans' defaults) before the dead silo's partitions and grains move to the silos left.
/// A connect that gets no answer (a partition, a firewall dropping packets) proves nothing and stays with those probes.
/// </summary>
internal sealed partial class CrashedSiloDetector(
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    DeadSiloDeclaration declaration,
    IOptions<SiloHostOptions> options,
    TimeProvider time,
    ILogger<CrashedSiloDetector> logger) : BackgroundService
{
    /// <summary>Refusals in a row that make a silo dead; one more check guards against a view that was a moment stale.</summary>
    internal const int RefusalsToDeclareDead = 2;

    private readonly Dictionary<SiloAddress, int> _refusals = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.CrashCheckInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await CheckAsync(interval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The membership table may be unreachable for a while; Orleans' own probes go on meanwhile.
                LogCheckFailed(logger, ex.Message);
            }
        }
    }

    private async Task CheckAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var snapshot = membership.CurrentSnapshot;
        if (snapshot.GetSiloStatus(localSilo.SiloAddress) != SiloStatus.Active)
        {
            _refusals.Clear();
            return;
        }

        var others = snapshot.Members.Values
            .Where(member => member.Status == SiloStatus.Active && !member.SiloAddress.Equals(localSilo.SiloAddress))
            .Select(member => member.SiloAddress)
            .ToArray();
        foreach (var gone in _refusals.Keys.Except(others).ToArray())
        {
            _refusals.Remove(gone);
        }

        var states = await Task.WhenAll(others.Select(silo => SiloPortProbe.ProbeAsync(silo.Endpoint, timeout, cancellationToken))).ConfigureAwait(false);
        for (var i = 0; i < others.Length; i++)
        {
            var silo = others[i];
            if (states[i] != SiloPortState.Refused)
            {
                _refusals.Remove(silo);
                continue;
            }

            var refusals = _refusals[silo] = _refusals.GetValueOrDefault(silo) + 1;
            if (refusals >= RefusalsToDeclareDead && await declaration.TryDeclareDeadAsync(silo, cancellationToken).ConfigureAwait(false))
            {
                LogDeclaredDead(logger, silo.ToString(), refusals);
                _refusals.Remove(silo);
            }
        }
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Silo {Silo} refused {Refusals} connections in a row while active: its process is gone; declared it dead")]
    private static partial void LogDeclaredDead(ILogger logger, string silo, int refusals);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Debug, Message = "Crashed-silo check failed, trying again next period: {Reason}")]
    private static partial void LogCheckFailed(ILogger logger, string reason);
}
