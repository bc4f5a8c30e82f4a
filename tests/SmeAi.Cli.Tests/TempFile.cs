namespace SmeAi.Cli.Tests;

/// <summary>A file with the given text in a fresh temporary folder, deleted on dispose.</summary>
internal sealed class TempFile : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("smeai-cli-tests-").FullName;

    public TempFile(string name, string text)
    {
        Path = System.IO.Path.Combine(_directory, name);
        File.WriteAllText(Path, text);
    }

    public string Path { get; }

    public string Sibling(string name) => System.IO.Path.Combine(_directory, name);

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
