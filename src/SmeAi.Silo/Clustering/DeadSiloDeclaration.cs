using Orleans.Runtime;

namespace SmeAi.Silo.Clustering;

/// <summary>
/// Marks a silo Dead in the membership table, with the table's own optimistic concurrency (the row's etag and the
/// table version), as Orleans does when its probes' votes are in, and refreshes this silo's view at once. Orleans'
/// <c>IClusterMembershipService.TryKill</c> would do the same after a retry pause of 1 to 2 s, which is most of what a
/// fast detection saves.
/// </summary>
internal sealed class DeadSiloDeclaration(IMembershipTable table, IClusterMembershipService membership, ILocalSiloDetails localSilo, TimeProvider time)
{
    /// <summary>True when this call wrote the silo Dead; false when the table no longer has it Active or another writer came first.</summary>
    public async Task<bool> TryDeclareDeadAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        var data = await table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        var row = data.Members.FirstOrDefault(member => member.Item1.SiloAddress.Equals(silo));
        if (row?.Item1.Status != SiloStatus.Active)
        {
            // Gone, or stopping: a silo that stops gracefully says so in the table before it closes its port.
            await membership.Refresh(default, cancellationToken).ConfigureAwait(false);
            return false;
        }

        var entry = row.Item1;
        entry.Status = SiloStatus.Dead;
        // The declaring silo goes on the suspect list, as Orleans' own declarations do, for whoever reads the table later.
        entry.SuspectTimes ??= [];
        entry.SuspectTimes.Add(Tuple.Create(localSilo.SiloAddress, time.GetUtcNow().UtcDateTime));
        var version = data.Version.Next();
        if (!await table.UpdateRowAsync(entry, row.Item2, version, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await membership.Refresh(new MembershipVersion(version.Version), cancellationToken).ConfigureAwait(false);
        return true;
    }
}
