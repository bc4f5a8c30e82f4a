using System.Diagnostics;

namespace SmeAi.Testing;

/// <summary>
/// A PostgreSQL cluster in a temporary folder on a free loopback port, with trust authentication.
/// PostgreSQL refuses to run as root, so as root the server runs as the <c>postgres</c> user.
/// </summary>
internal sealed class ThrowawayPostgresCluster
{
    private const string FolderPrefix = "smeai-test-pg.";

    /// <summary>A stopped cluster's folder older than this is a leftover; a younger one may still be in initdb.</summary>
    private static readonly TimeSpan LeftoverAge = TimeSpan.FromMinutes(10);

    private readonly string _binDirectory;
    private readonly string _directory;

    private ThrowawayPostgresCluster(string binDirectory, string directory, int port)
    {
        _binDirectory = binDirectory;
        _directory = directory;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    public string ConnectionString { get; }

    private static bool IsRoot => Environment.UserName == "root";

    public static async Task<ThrowawayPostgresCluster> StartAsync()
    {
        var binDirectory = FindBinDirectory();
        RemoveLeftovers();
        var directory = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        if (IsRoot)
        {
            await ExternalCommand.RunAsync("chown", ["postgres:postgres", directory], TimeSpan.FromSeconds(10));
        }

        var port = FreePorts.Next();
        var cluster = new ThrowawayPostgresCluster(binDirectory, directory, port);
        var data = Path.Combine(directory, "data");
        await cluster.RunAsPostgresAsync("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8"]);
        await cluster.RunAsPostgresAsync("pg_ctl",
        [
            "-D", data, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60",
            "-o", $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off", "start",
        ]);
        return cluster;
    }

    public void Stop()
    {
        try
        {
            var stop = Command("pg_ctl", ["-D", Path.Combine(_directory, "data"), "-m", "immediate", "stop"]);
            using var process = Process.Start(stop);
            process?.WaitForExit(TimeSpan.FromSeconds(30));
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            // Best effort at process exit: a leftover temp folder is harmless.
        }
    }

    /// <summary>
    /// Deletes the folders of earlier clusters that are no longer running. <see cref="Stop"/> runs at process exit, and a
    /// test host that is ended before the handler finishes leaves its stopped cluster behind (about 65 MB each).
    /// </summary>
    private static void RemoveLeftovers()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            if (!IsServerRunning(folder) && DateTime.UtcNow - Directory.GetLastWriteTimeUtc(folder) > LeftoverAge)
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Another process's leftover it may be deleting at the same moment, or not ours to delete.
                }
            }
        }
    }

    /// <summary>
    /// Whether the cluster's server process is alive. A server killed with SIGKILL leaves its postmaster.pid behind, so
    /// the file alone would keep that folder (about 150 MB) for good.
    /// </summary>
    private static bool IsServerRunning(string folder)
    {
        try
        {
            var firstLine = File.ReadLines(Path.Combine(folder, "data", "postmaster.pid")).FirstOrDefault();
            return int.TryParse(firstLine, out var pid) && Directory.Exists($"/proc/{pid}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private Task<string> RunAsPostgresAsync(string program, IReadOnlyList<string> arguments)
    {
        var start = Command(program, arguments);
        return ExternalCommand.RunAsync(start.FileName, start.ArgumentList, TimeSpan.FromSeconds(120));
    }

    private ProcessStartInfo Command(string program, IReadOnlyList<string> arguments)
    {
        var executable = Path.Combine(_binDirectory, program);
        var start = new ProcessStartInfo(IsRoot ? "runuser" : executable);
        if (IsRoot)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", executable })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static string FindBinDirectory()
    {
        const string Root = "/usr/lib/postgresql";
        var newest = Directory.Exists(Root)
            ? Directory.GetDirectories(Root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return newest ?? throw new InvalidOperationException(
            $"PostgreSQL is not installed (no initdb under {Root}) and {PostgresServer.ConnectionVariable} is not set. " +
            "Run ./build.sh test, which installs it from the Debian packages and starts a server for the tests.");
    }
}
