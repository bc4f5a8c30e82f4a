using SmeAi.Build;
using SmeAi.Testing;

namespace SmeAi.ML.Tests;

public sealed class TorchSharpNativeFixTests : IDisposable
{
    private const string Marker = "GLIBCXX_3.4.32";

    private readonly string _directory = Directory.CreateTempSubdirectory("smeai-elf-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Read_lists_every_version_need_with_its_dependency()
    {
        var needs = ElfVersionNeedPatcher.Read(TypicalLibrary());

        Assert.Equal(
            ["libc.so.6/GLIBC_2.2.5", "libstdc++.so.6/GLIBCXX_3.4.30", "libstdc++.so.6/" + Marker],
            needs.Select(n => n.Dependency + "/" + n.Version));
        Assert.All(needs, n => Assert.False(n.IsWeak));
    }

    [Fact]
    public void MarkWeak_sets_only_the_weak_flag_of_that_need_and_keeps_the_timestamp()
    {
        var original = TypicalLibrary();
        var path = Write("lib.so", original);
        var timestamp = new DateTime(2026, 5, 7, 10, 3, 28, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, timestamp);

        var result = ElfVersionNeedPatcher.MarkWeak(path, Marker);

        Assert.Equal(ElfPatchResult.Patched, result);
        var patched = File.ReadAllBytes(path);
        var needs = ElfVersionNeedPatcher.Read(patched);
        Assert.Equal([Marker], needs.Where(n => n.IsWeak).Select(n => n.Version));
        var changed = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToArray();
        Assert.Equal([needs.Single(n => n.Version == Marker).FlagsOffset], changed.Select(i => (long)i));
        Assert.Equal(timestamp, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void MarkWeak_is_idempotent()
    {
        var path = Write("lib.so", TypicalLibrary());
        ElfVersionNeedPatcher.MarkWeak(path, Marker);
        var once = File.ReadAllBytes(path);

        var result = ElfVersionNeedPatcher.MarkWeak(path, Marker);

        Assert.Equal(ElfPatchResult.AlreadyWeak, result);
        Assert.Equal(once, File.ReadAllBytes(path));
    }

    [Fact]
    public void MarkWeak_leaves_a_library_without_that_need_alone()
    {
        var original = ElfImage.WithVersionNeeds(("libstdc++.so.6", ["GLIBCXX_3.4.30"]));
        var path = Write("lib.so", original);

        Assert.Equal(ElfPatchResult.NotNeeded, ElfVersionNeedPatcher.MarkWeak(path, Marker));
        Assert.Equal(original, File.ReadAllBytes(path));
    }

    [LinuxFact]
    public void MarkWeak_through_a_link_replaces_the_link_and_never_writes_the_package_copy()
    {
        var original = TypicalLibrary();
        var packageCopy = Write("package.so", original);
        var output = Path.Combine(_directory, "output.so");
        File.CreateSymbolicLink(output, packageCopy);

        ElfVersionNeedPatcher.MarkWeak(output, Marker);

        Assert.Equal(original, File.ReadAllBytes(packageCopy));
        Assert.Contains(ElfVersionNeedPatcher.Read(File.ReadAllBytes(output)), n => n.Version == Marker && n.IsWeak);
    }

    [Fact]
    public void Files_that_are_not_elf64_little_endian_are_rejected()
    {
        var image = TypicalLibrary();
        var bigEndian = (byte[])image.Clone();
        bigEndian[5] = 2;
        var truncated = image[..(image.Length - 40)];

        Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.Read("#!/bin/sh\necho not a library\n"u8.ToArray()));
        Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.Read(bigEndian));
        Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.Read(truncated));
        Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.MarkWeak(Write("text.so", "not elf"u8.ToArray()), Marker));
    }

    [Fact]
    public void ContainsString_matches_whole_version_names_only()
    {
        var path = Write("libstdc++.so.6", "\0GLIBCXX_3.4.3\0GLIBCXX_3.4.30\0GLIBCXX_3.4.321\0"u8.ToArray());
        Assert.False(ElfVersionNeedPatcher.ContainsString(path, Marker));

        File.AppendAllText(path, Marker + "\0");
        Assert.True(ElfVersionNeedPatcher.ContainsString(path, Marker));
    }

    [LinuxFact]
    public void The_libtorchsharp_in_the_output_loads_on_this_system()
    {
        // Where the build puts it: next to the app for a RID-specific build, under runtimes/ otherwise.
        var library = new[] { "", Path.Combine("runtimes", "linux-x64", "native") }
            .Select(directory => Path.Combine(AppContext.BaseDirectory, directory, "libLibTorchSharp.so"))
            .First(File.Exists);
        var libStdCxx = ElfVersionNeedPatcher.FindSystemLibStdCxx();
        Assert.NotNull(libStdCxx);

        // Either the system provides the version, or the build must have marked the need weak.
        var marker = ElfVersionNeedPatcher.Read(File.ReadAllBytes(library)).Where(n => n.Version == Marker);
        Assert.True(
            ElfVersionNeedPatcher.ContainsString(libStdCxx, Marker) || marker.All(n => n.IsWeak),
            $"{libStdCxx} lacks {Marker} and {library} still needs it strictly");
        TorchRuntime.EnsureLoaded();
    }

    private static byte[] TypicalLibrary() => ElfImage.WithVersionNeeds(
        ("libc.so.6", ["GLIBC_2.2.5"]),
        ("libstdc++.so.6", ["GLIBCXX_3.4.30", Marker]));

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }
}
