using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SmeAi.LoadTests.Reporting;

/// <summary>The machine a benchmark ran on, as a report states it: CPU model, cores, memory, OS, .NET.</summary>
internal sealed record MachineDescription(string CpuModel, int Cores, string Memory, string OperatingSystem, string DotNet)
{
    public static MachineDescription Current() => new(
        ReadCpuModel(),
        Environment.ProcessorCount,
        ReadMemory(),
        OperatingSystemName(),
        DotNetVersions());

    public override string ToString() => $"{Cores} cores {CpuModel}, {Memory} RAM, {OperatingSystem}, {DotNet}";

    private static string ReadCpuModel()
    {
        var lscpu = Run("lscpu", string.Empty);
        var line = lscpu?.Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith("Model name:", StringComparison.Ordinal));
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static string ReadMemory()
    {
        const string memTotal = "MemTotal:";
        var line = TryRead("/proc/meminfo")?.Split('\n').FirstOrDefault(l => l.StartsWith(memTotal, StringComparison.Ordinal));
        var kib = line?[memTotal.Length..].Trim().Split(' ')[0];
        return long.TryParse(kib, out var value) ? $"{value / 1024.0 / 1024.0:F1} GiB" : "unknown";
    }

    private static string OperatingSystemName()
    {
        var pretty = TryRead("/etc/os-release")?.Split('\n').FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
        var name = pretty is null ? RuntimeInformation.OSDescription : pretty["PRETTY_NAME=".Length..].Trim('"');
        var debian = TryRead("/etc/debian_version")?.Trim();
        return debian is null ? name : $"{name} ({debian})";
    }

    private static string DotNetVersions()
    {
        var sdk = Run("dotnet", "--version")?.Trim();
        var runtime = RuntimeInformation.FrameworkDescription;
        return sdk is { Length: > 0 } ? $".NET SDK {sdk} ({runtime})" : runtime;
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? Run(string fileName, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(fileName, arguments) { RedirectStandardOutput = true, UseShellExecute = false });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // not installed
        }
    }
}
