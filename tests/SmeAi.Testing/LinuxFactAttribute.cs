using Xunit;

namespace SmeAi.Testing;

/// <summary>A fact that is skipped (and reported as skipped) on other operating systems.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Linux only";
        }
    }
}
