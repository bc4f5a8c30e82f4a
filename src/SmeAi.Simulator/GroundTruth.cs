using SmeAi.Simulator.Customers;
using SmeAi.Simulator.Factory;
using SmeAi.Simulator.Security;

namespace SmeAi.Simulator;

/// <summary>What a simulation planned, to score detectors against: failures, churners and attacks.</summary>
/// <param name="Machines">Per machine: degradation episodes (each ending in a failure) and maintenances; empty if the factory is off.</param>
/// <param name="Customers">Per customer: the churn label, decline start and cancel time; empty if customers are off.</param>
/// <param name="Attacks">Attack windows per subject with their type; empty if security is off.</param>
public sealed record GroundTruth(
    IReadOnlyList<MachineTruth> Machines,
    IReadOnlyList<CustomerTruth> Customers,
    IReadOnlyList<AttackWindow> Attacks);
