using Microsoft.Extensions.Options;
using Orleans.Runtime;
using SmeAi.Silo.Configuration;

namespace SmeAi.Silo.Clustering;

/// <summary>
/// Declares dead, within a fraction of a second, an active silo whose silo port refuses connections. A silo listens on
/// its port from before it joins until after it has told the membership table it is stopping (Orleans binds the
/// listener at lifecycle stage 1999 and writes ShuttingDown when stage 19999 stops), so on Linux a refusal while the
/// table says Active means its process is gone; Orleans' own probes would take <c>ProbeTimeout</c> times
/// <c>NumMissedProbesLimit</c> (15 s with Orleans' defaults) before the dead silo's partitions and grains move. A
/// connect that gets no answer (a partition, a host that is gone) proves nothing and stays with those probes.
/// </summary>
internal sealed partial class CrashedSiloDetector(
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    IOptions<SiloHostOptions> options,
    TimeProvider time,
    ILogger<CrashedSiloDetector> logger) : BackgroundService
{
    private readonly RefusalTally _tally = new();
    private bool _failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.CrashCheckInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        if (!OperatingSystem.IsLinux())
        {
            // Elsewhere (Windows) a listener whose accept queue is full refuses too, so a busy silo would look crashed.
            LogNotOnThisSystem(logger);
            return;
        }

        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await CheckAsync(interval, stoppingToken).ConfigureAwait(false);
                _failing = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The membership table may be unreachable for a while; Orleans' own probes go on meanwhile. Said once
                // per spell of failures, not five times a second.
                if (!_failing)
                {
                    LogCheckFailed(logger, ex);
                }

                _failing = true;
            }
        }
    }

    private async Task CheckAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var snapshot = membership.CurrentSnapshot;
        if (snapshot.GetSiloStatus(localSilo.SiloAddress) != SiloStatus.Active)
        {
            _tally.Clear();
            return;
        }

        var others = snapshot.Members.Values
            .Where(member => member.Status == SiloStatus.Active && !member.SiloAddress.Equals(localSilo.SiloAddress))
            .Select(member => member.SiloAddress)
            .ToArray();
        var states = await Task.WhenAll(others.Select(silo => SiloPortProbe.ProbeAsync(silo.Endpoint, timeout, cancellationToken))).ConfigureAwait(false);
        var crashed = _tally.Record(others.Zip(states).ToDictionary(pair => pair.First, pair => pair.Second));
        foreach (var silo in crashed)
        {
            await DeclareDeadAsync(silo, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DeclareDeadAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        // The table, not this silo's view, decides: a silo that stops gracefully is no longer Active there by the time
        // its port closes.
        await membership.Refresh(default, cancellationToken).ConfigureAwait(false);
        if (membership.CurrentSnapshot.GetSiloStatus(silo) != SiloStatus.Active)
        {
            _tally.Forget(silo);
            return;
        }

        LogDeclaringDead(logger, silo.ToString(), RefusalTally.RefusalsToDeclareDead);
        await membership.TryKill(silo).ConfigureAwait(false);
        _tally.Forget(silo);
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Silo {Silo} refused {Refusals} connections in a row while active in the membership table: declaring it dead")]
    private static partial void LogDeclaringDead(ILogger logger, string silo, int refusals);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Crashed-silo check failed; trying again every period, Orleans' own probes go on")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Information, Message = "Crashed-silo check off: it reads a refused connection as a crashed silo, which only Linux guarantees")]
    private static partial void LogNotOnThisSystem(ILogger logger);
}
