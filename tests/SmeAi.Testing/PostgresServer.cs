using Npgsql;

namespace SmeAi.Testing;

/// <summary>
/// The PostgreSQL server of a test run: the one <c>./build.sh test</c> started (named by
/// <c>SMEAI_TEST_POSTGRES</c>), or else a throwaway cluster this process starts from the Debian
/// packages and stops when it exits. Each test gets a database of its own.
/// </summary>
public sealed class PostgresServer
{
    public const string ConnectionVariable = "SMEAI_TEST_POSTGRES";

    private static readonly Lazy<Task<PostgresServer>> LazyShared = new(StartSharedAsync);

    private PostgresServer(string adminConnectionString) => AdminConnectionString = adminConnectionString;

    public string AdminConnectionString { get; }

    public static Task<PostgresServer> SharedAsync() => LazyShared.Value;

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = $"smeai_{purpose}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        await using var db = new NpgsqlConnection(AdminConnectionString);
        await db.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", db);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    private static async Task<PostgresServer> StartSharedAsync()
    {
        if (Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } configured)
        {
            return new PostgresServer(configured);
        }

        var cluster = await ThrowawayPostgresCluster.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        return new PostgresServer(cluster.ConnectionString);
    }
}
