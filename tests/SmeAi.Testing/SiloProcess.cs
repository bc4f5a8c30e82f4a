using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;

namespace SmeAi.Testing;

/// <summary>
/// A real <c>SmeAi.Silo</c> process, started as an operator would start it (configuration through
/// <c>SMEAI_</c> environment variables), with its output kept for failure messages.
/// </summary>
public sealed partial class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SiloProcess(Process process, Uri httpBase)
    {
        _process = process;
        HttpBase = httpBase;
        Http = new HttpClient { BaseAddress = httpBase, Timeout = TimeSpan.FromSeconds(30) };
    }

    private bool _disposed;

    public Uri HttpBase { get; }

    public HttpClient Http { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The silo's operating-system process id (load tests sample its CPU and memory).</summary>
    public int ProcessId => _process.Id;

    public int ExitCode => _process.ExitCode;

    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>The last <paramref name="lines"/> lines of <see cref="Output"/>, for failure messages.</summary>
    public string OutputTail(int lines) => string.Join(Environment.NewLine, _output.TakeLast(lines));

    /// <summary>
    /// The silo's own one-line reason for exiting (<c>smeai-silo: error: ...</c>), else its last line, so the
    /// first line of a failure (all that a CI summary shows) says why.
    /// </summary>
    private string LastError => _output.LastOrDefault(line => line.StartsWith("smeai-silo: error:", StringComparison.Ordinal))
        ?? _output.LastOrDefault() ?? "(no output)";

    /// <summary>
    /// Starts a silo on free loopback ports; <paramref name="settings"/> are configuration keys such as
    /// <c>ConnectionStrings:Postgres</c>, <paramref name="environment"/> further variables of the process (the .NET runtime's).
    /// </summary>
    public static SiloProcess Start(
        IReadOnlyDictionary<string, string> settings, IEnumerable<string>? arguments = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var httpPort = settings.TryGetValue("Silo:HttpUrl", out var url) ? new Uri(url).Port : FreePorts.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(RepositoryPaths.SiloAssembly)!,
        };
        start.ArgumentList.Add(RepositoryPaths.SiloAssembly);
        foreach (var argument in arguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }

        var effective = new Dictionary<string, string>
        {
            ["Silo:SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Silo:GatewayPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Silo:HttpUrl"] = $"http://127.0.0.1:{httpPort}",
        };
        foreach (var (key, value) in settings)
        {
            effective[key] = value;
        }

        foreach (var (key, value) in effective)
        {
            start.Environment["SMEAI_" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the silo process.");
        var silo = new SiloProcess(process, new Uri($"http://127.0.0.1:{httpPort}/"));
        process.OutputDataReceived += (_, e) => silo.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>
    /// Starts a silo and waits until it is healthy; one that never becomes healthy is stopped before the error goes up,
    /// so it cannot outlive the test run.
    /// </summary>
    public static async Task<SiloProcess> StartHealthyAsync(IReadOnlyDictionary<string, string> settings, TimeSpan timeout)
    {
        var silo = Start(settings);
        try
        {
            await silo.WaitUntilHealthyAsync(timeout);
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>The API key an embedded silo generated and printed once at start.</summary>
    public string GeneratedApiKey => Output.Split(Environment.NewLine)
        .Where(line => line.StartsWith("API key: ", StringComparison.Ordinal))
        .Select(line => line["API key: ".Length..])
        .Single();

    /// <summary>Waits until <c>/health</c> answers 200; fails with the silo's output if it exits or takes too long.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!deadline.IsCancellationRequested)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The silo exited with code {_process.ExitCode} before it was healthy: {LastError}{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri("health", UriKind.Relative), deadline.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None);
        }

        throw new TimeoutException($"The silo was not healthy within {timeout}:{Environment.NewLine}{Output}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The silo did not exit within {timeout}:{Environment.NewLine}{Output}");
        }

        // Let the asynchronous readers drain what the process wrote last.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Ends the silo at once, as a power cut or <c>kill -9</c> would: no shutdown, no final writes.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: true);

    /// <summary>Asks the silo to shut down as an operator's SIGTERM would.</summary>
    public void Terminate()
    {
        if (!_process.HasExited && Kill(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Http.Dispose();
        if (!_process.HasExited)
        {
            Terminate();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
