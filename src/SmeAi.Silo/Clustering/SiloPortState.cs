namespace SmeAi.Silo.Clustering;

/// <summary>What a connect to a silo's silo-to-silo port showed.</summary>
internal enum SiloPortState
{
    /// <summary>The connect was accepted: something listens there.</summary>
    Listening,

    /// <summary>The host answered that nothing listens on the port (a TCP reset).</summary>
    Refused,

    /// <summary>No answer in time, or a network error: proves nothing about the silo.</summary>
    Unknown,
}
