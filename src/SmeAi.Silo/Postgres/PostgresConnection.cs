using Npgsql;
using SmeAi.Silo.Hosting;

namespace SmeAi.Silo.Postgres;

/// <summary>Reads and checks <c>ConnectionStrings:Postgres</c> before anything tries to use it.</summary>
internal static class PostgresConnection
{
    public const string Setting = "ConnectionStrings:Postgres";

    /// <summary>The ADO.NET invariant under which the Orleans providers load Npgsql.</summary>
    public const string Invariant = "Npgsql";

    public static NpgsqlConnectionStringBuilder Parse(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            throw new SiloStartupException($"{Setting} is not a valid PostgreSQL connection string: {ex.Message}", ex);
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new SiloStartupException($"{Setting} has no Host; expected for example 'Host=127.0.0.1;Port=5432;Database=smeai;Username=smeai;Password=...'.");
        }

        return builder;
    }

    /// <summary>Where the connection goes, for messages; never includes the password.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
}
