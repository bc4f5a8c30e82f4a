namespace SmeAi.Silo.Configuration;

/// <summary>Where a silo's configuration may come from.</summary>
public enum SiloConfigurationScope
{
    /// <summary>
    /// A silo an operator runs: the configuration folder (<c>SMEAI_CONFIG_DIR</c> may move it), environment variables
    /// and the command line.
    /// </summary>
    Operator,

    /// <summary>
    /// A silo inside a tool (<c>smeai evaluate</c>): the configuration folder beside the binary and the command line
    /// only. The operator's environment (<c>SMEAI_ConnectionStrings__Postgres</c>, <c>SMEAI_Kafka__BootstrapServers</c>,
    /// a pseudonymisation key) would otherwise join it to their cluster, their database and their topics.
    /// </summary>
    Isolated,
}
