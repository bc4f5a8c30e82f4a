// The one implementation of the TorchSharp native-library fix. It is compiled twice:
// - by build/TorchSharpNativeFix.targets as an inline task (RoslynCodeTaskFactory, which compiles
//   against netstandard 2.0, so no Span or BinaryPrimitives here), including the MSBuild task below;
// - by tests/SmeAi.ML.Tests, which defines ELF_PATCHER_WITHOUT_TASK to leave the task out.
#nullable enable

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace SmeAi.Build;

/// <summary>What <see cref="ElfVersionNeedPatcher.MarkWeak"/> did to a file.</summary>
public enum ElfPatchResult
{
    /// <summary>The version need was found and its VER_FLG_WEAK flag set.</summary>
    Patched,

    /// <summary>The version need was already weak; the file was not touched.</summary>
    AlreadyWeak,

    /// <summary>The file does not need that version; the file was not touched.</summary>
    NotNeeded,
}

/// <summary>One Elf64_Vernaux entry: a version the library needs from one of its dependencies.</summary>
public sealed class ElfVersionNeed
{
    public ElfVersionNeed(string dependency, string version, ushort flags, long flagsOffset)
    {
        Dependency = dependency;
        Version = version;
        Flags = flags;
        FlagsOffset = flagsOffset;
    }

    /// <summary>The dependency's file name (vn_file), e.g. <c>libstdc++.so.6</c>.</summary>
    public string Dependency { get; }

    /// <summary>The version name (vna_name), e.g. <c>GLIBCXX_3.4.32</c>.</summary>
    public string Version { get; }

    /// <summary>vna_flags.</summary>
    public ushort Flags { get; }

    /// <summary>File offset of vna_flags.</summary>
    public long FlagsOffset { get; }

    public bool IsWeak => (Flags & ElfVersionNeedPatcher.VerFlagWeak) != 0;
}

/// <summary>
/// Reads the version needs (section <c>.gnu.version_r</c>, SHT_GNU_verneed) of an ELF64
/// little-endian file and marks one of them weak, so the dynamic loader accepts a dependency
/// that lacks that version instead of refusing to load the library.
/// </summary>
public static class ElfVersionNeedPatcher
{
    public const ushort VerFlagWeak = 0x2;

    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const int Elf64HeaderSize = 64;
    private const int Elf64SectionHeaderSize = 64;
    private const int VerneedSize = 16;
    private const int VernauxSize = 16;

    /// <summary>Lists every version need of the ELF image; throws <see cref="InvalidDataException"/> if it is not a valid ELF64 little-endian file.</summary>
    public static IReadOnlyList<ElfVersionNeed> Read(byte[] image)
    {
        if (image.Length < Elf64HeaderSize || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
        {
            throw new InvalidDataException("not an ELF file (bad magic)");
        }

        if (image[4] != 2 || image[5] != 1)
        {
            throw new InvalidDataException($"not a 64-bit little-endian ELF file (EI_CLASS={image[4]}, EI_DATA={image[5]})");
        }

        var sectionHeaders = ReadU64(image, 0x28);
        var sectionHeaderSize = ReadU16(image, 0x3a);
        long sectionCount = ReadU16(image, 0x3c);
        if (sectionHeaders == 0)
        {
            throw new InvalidDataException("the file has no section headers");
        }

        if (sectionHeaderSize < Elf64SectionHeaderSize)
        {
            throw new InvalidDataException($"section header size {sectionHeaderSize} is too small");
        }

        if (sectionCount == 0)
        {
            // With 0xff00 or more sections, e_shnum is 0 and the count is sh_size of section 0.
            sectionCount = (long)ReadU64(image, (long)Check(image, sectionHeaders, Elf64SectionHeaderSize, "section header 0") + 32);
        }

        if (sectionCount < 0 || sectionCount > image.Length / Elf64SectionHeaderSize)
        {
            throw new InvalidDataException($"section count {sectionCount} does not fit in the file");
        }

        Check(image, sectionHeaders, (ulong)sectionCount * sectionHeaderSize, "section header table");
        var needs = new List<ElfVersionNeed>();
        for (long i = 0; i < sectionCount; i++)
        {
            var header = (long)sectionHeaders + (i * sectionHeaderSize);
            if (ReadU32(image, header + 4) == ShtGnuVerneed)
            {
                ReadVerneedSection(image, header, sectionHeaders, sectionHeaderSize, sectionCount, needs);
            }
        }

        return needs;
    }

    /// <summary>
    /// Sets VER_FLG_WEAK on the need for <paramref name="version"/> in the file at <paramref name="path"/>.
    /// The file is replaced by a patched copy (so a hard link into a package cache is never written
    /// through) that keeps the original last-write time: MSBuild's copy of package files skips a
    /// destination whose size and time equal the source's, so incremental builds leave the patched
    /// file alone, and a re-copied file is patched again by the next run.
    /// </summary>
    public static ElfPatchResult MarkWeak(string path, string version)
    {
        var matches = new List<ElfVersionNeed>();
        foreach (var need in Read(File.ReadAllBytes(path)))
        {
            if (need.Version == version)
            {
                matches.Add(need);
            }
        }

        if (matches.Count == 0)
        {
            return ElfPatchResult.NotNeeded;
        }

        if (matches.TrueForAll(n => n.IsWeak))
        {
            return ElfPatchResult.AlreadyWeak;
        }

        var lastWrite = File.GetLastWriteTimeUtc(path);
        var temporary = path + ".weak-" + Guid.NewGuid().ToString("N");
        try
        {
            File.Copy(path, temporary);
            using (var stream = new FileStream(temporary, FileMode.Open, FileAccess.Write))
            {
                foreach (var need in matches)
                {
                    var flags = (ushort)(need.Flags | VerFlagWeak);
                    stream.Position = need.FlagsOffset;
                    stream.WriteByte((byte)flags);
                    stream.WriteByte((byte)(flags >> 8));
                }
            }

            File.SetLastWriteTimeUtc(temporary, lastWrite);
            File.Replace(temporary, path, null);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }

        return ElfPatchResult.Patched;
    }

    /// <summary>Whether the file contains <paramref name="text"/> as a NUL-terminated string, as version names are stored.</summary>
    public static bool ContainsString(string path, string text)
    {
        var data = File.ReadAllBytes(path);
        var pattern = Encoding.ASCII.GetBytes(text + "\0");
        for (var i = Array.IndexOf(data, pattern[0]); i >= 0 && i <= data.Length - pattern.Length; i = Array.IndexOf(data, pattern[0], i + 1))
        {
            var j = 1;
            while (j < pattern.Length && data[i + j] == pattern[j])
            {
                j++;
            }

            if (j == pattern.Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Finds the libstdc++ the dynamic loader would use: the usual x86-64 locations, then <c>ldconfig -p</c>.</summary>
    public static string? FindSystemLibStdCxx()
    {
        string[] candidates =
        [
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6",
            "/lib64/libstdc++.so.6",
            "/usr/lib/libstdc++.so.6",
        ];
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        foreach (var ldconfig in new[] { "/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig" })
        {
            var found = FindWithLdconfig(ldconfig);
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private static void ReadVerneedSection(byte[] image, long header, ulong sectionHeaders, ushort sectionHeaderSize, long sectionCount, List<ElfVersionNeed> needs)
    {
        var offset = ReadU64(image, header + 24);
        var size = ReadU64(image, header + 32);
        var link = ReadU32(image, header + 40);
        var count = ReadU32(image, header + 44);
        Check(image, offset, size, "SHT_GNU_verneed section");
        if (link == 0 || link >= sectionCount)
        {
            throw new InvalidDataException($"SHT_GNU_verneed links to string table section {link}, which does not exist");
        }

        var stringsHeader = (long)sectionHeaders + ((long)link * sectionHeaderSize);
        var stringsOffset = ReadU64(image, stringsHeader + 24);
        var stringsSize = ReadU64(image, stringsHeader + 32);
        Check(image, stringsOffset, stringsSize, "version string table");

        var end = offset + size;
        var verneed = offset;
        // sh_info is the number of Elf64_Verneed entries; if a linker left it 0, follow vn_next alone.
        var limit = count != 0 ? count : size / VerneedSize;
        for (ulong n = 0; n < limit; n++)
        {
            Check(image, verneed, VerneedSize, "Elf64_Verneed");
            if (verneed + VerneedSize > end)
            {
                throw new InvalidDataException("an Elf64_Verneed entry lies outside its section");
            }

            var auxCount = ReadU16(image, (long)verneed + 2);
            var dependency = ReadString(image, stringsOffset, stringsSize, ReadU32(image, (long)verneed + 4));
            var vernaux = verneed + ReadU32(image, (long)verneed + 8);
            for (var a = 0; a < auxCount; a++)
            {
                if (vernaux < offset || vernaux + VernauxSize > end)
                {
                    throw new InvalidDataException("an Elf64_Vernaux entry lies outside its section");
                }

                var flagsOffset = (long)vernaux + 4;
                var version = ReadString(image, stringsOffset, stringsSize, ReadU32(image, (long)vernaux + 8));
                needs.Add(new ElfVersionNeed(dependency, version, ReadU16(image, flagsOffset), flagsOffset));
                var nextAux = ReadU32(image, (long)vernaux + 12);
                if (nextAux == 0)
                {
                    break;
                }

                vernaux += nextAux;
            }

            var next = ReadU32(image, (long)verneed + 12);
            if (next == 0)
            {
                break;
            }

            verneed += next;
        }
    }

    private static string? FindWithLdconfig(string ldconfig)
    {
        try
        {
            var start = new ProcessStartInfo(ldconfig, "-p") { RedirectStandardOutput = true, UseShellExecute = false };
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();

            // Lines look like: "libstdc++.so.6 (libc6,x86-64) => /lib/x86_64-linux-gnu/libstdc++.so.6".
            foreach (var line in output.Split('\n'))
            {
                var arrow = line.IndexOf("=>", StringComparison.Ordinal);
                if (line.TrimStart().StartsWith("libstdc++.so.6 ", StringComparison.Ordinal) && line.Contains("x86-64") && arrow > 0)
                {
                    return line.Substring(arrow + 2).Trim();
                }
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // This ldconfig does not exist; the caller tries the next one.
        }

        return null;
    }

    private static string ReadString(byte[] image, ulong tableOffset, ulong tableSize, uint index)
    {
        if (index >= tableSize)
        {
            throw new InvalidDataException($"string index {index} lies outside the string table");
        }

        var start = (int)(tableOffset + index);
        var limit = (int)(tableOffset + tableSize);
        var end = start;
        while (end < limit && image[end] != 0)
        {
            end++;
        }

        if (end == limit)
        {
            throw new InvalidDataException($"string {index} is not NUL-terminated inside the string table");
        }

        return Encoding.ASCII.GetString(image, start, end - start);
    }

    private static ulong Check(byte[] image, ulong offset, ulong length, string what)
    {
        if (offset > (ulong)image.Length || length > (ulong)image.Length - offset)
        {
            throw new InvalidDataException($"the {what} (offset {offset}, {length} bytes) lies outside the {image.Length}-byte file");
        }

        return offset;
    }

    private static ushort ReadU16(byte[] image, long offset)
    {
        Check(image, (ulong)offset, 2, "field");
        return (ushort)(image[offset] | (image[offset + 1] << 8));
    }

    private static uint ReadU32(byte[] image, long offset) =>
        ReadU16(image, offset) | ((uint)ReadU16(image, offset + 2) << 16);

    private static ulong ReadU64(byte[] image, long offset) =>
        ReadU32(image, offset) | ((ulong)ReadU32(image, offset + 4) << 32);
}

#if !ELF_PATCHER_WITHOUT_TASK
/// <summary>MSBuild task: marks <see cref="Version"/> weak in each of <see cref="Files"/>.</summary>
public sealed class PatchElfVersionNeed : Microsoft.Build.Utilities.Task
{
    [Microsoft.Build.Framework.Required]
    public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = [];

    [Microsoft.Build.Framework.Required]
    public string Version { get; set; } = "";

    /// <summary><c>auto</c>: patch only if the system libstdc++ lacks <see cref="Version"/>; <c>always</c>: patch regardless.</summary>
    public string Mode { get; set; } = "auto";

    public override bool Execute()
    {
        var reason = "TorchSharpNativeFix=always";
        if (!string.Equals(Mode, "always", StringComparison.OrdinalIgnoreCase))
        {
            var libStdCxx = ElfVersionNeedPatcher.FindSystemLibStdCxx();
            if (libStdCxx is not null && ElfVersionNeedPatcher.ContainsString(libStdCxx, Version))
            {
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, "{0} provides {1}; native libraries left as they are.", libStdCxx, Version);
                return true;
            }

            reason = libStdCxx is null ? "no system libstdc++ was found" : $"{libStdCxx} lacks it";
        }

        foreach (var file in Files)
        {
            var path = file.GetMetadata("FullPath");
            try
            {
                switch (ElfVersionNeedPatcher.MarkWeak(path, Version))
                {
                    case ElfPatchResult.Patched:
                        Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High, "TorchSharpNativeFix: marked the {0} version need weak in {1} ({2}).", Version, path, reason);
                        break;
                    case ElfPatchResult.AlreadyWeak:
                        Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, "{0}: the {1} version need is already weak.", path, Version);
                        break;
                    default:
                        Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, "{0} does not need {1}; nothing to patch.", path, Version);
                        break;
                }
            }
            catch (InvalidDataException ex)
            {
                Log.LogError(null, "SMEAI0001", null, path, 0, 0, 0, 0, "TorchSharpNativeFix: {0} is not a valid ELF64 little-endian library: {1}.", path, ex.Message);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Log.LogError(null, "SMEAI0002", null, path, 0, 0, 0, 0, "TorchSharpNativeFix: could not patch {0}: {1}", path, ex.Message);
            }
        }

        return !Log.HasLoggedErrors;
    }
}
#endif
