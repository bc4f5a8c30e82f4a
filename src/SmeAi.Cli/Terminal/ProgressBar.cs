using System.Globalization;

namespace SmeAi.Cli.Terminal;

/// <summary>
/// A one-line progress bar redrawn in place (carriage return) at most ten times a second:
/// <c>[##########----------]  50%  5000/10000 events  1234/s</c>. Silent when disabled.
/// </summary>
internal sealed class ProgressBar(TextWriter writer, long total, bool enabled, TimeProvider time)
{
    private const int Width = 30;
    private static readonly TimeSpan _redrawEvery = TimeSpan.FromMilliseconds(100);

    private readonly long _startedAt = time.GetTimestamp();
    private long _lastDrawnAt = long.MinValue;
    private long _done;

    /// <summary>Whether stderr is a terminal a bar can be drawn on: the process's own, not redirected.</summary>
    public static bool CanDrawOn(TextWriter writer) => ReferenceEquals(writer, System.Console.Error) && !System.Console.IsErrorRedirected;

    public void Advance()
    {
        _done++;
        if (enabled && (_lastDrawnAt == long.MinValue || time.GetElapsedTime(_lastDrawnAt) >= _redrawEvery))
        {
            Draw();
        }
    }

    /// <summary>Draws the final state and ends the line.</summary>
    public void Complete()
    {
        if (enabled)
        {
            Draw();
            writer.WriteLine();
        }
    }

    /// <summary>The bar's text for <paramref name="done"/> of <paramref name="all"/>.</summary>
    public static string Render(long done, long all, double perSecond)
    {
        var fraction = all <= 0 ? 1 : Math.Clamp((double)done / all, 0, 1);
        var filled = (int)Math.Round(fraction * Width);
        var bar = new string('#', filled) + new string('-', Width - filled);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"[{bar}] {fraction * 100,3:0}%  {done}/{all} events  {perSecond:0}/s");
    }

    private void Draw()
    {
        _lastDrawnAt = time.GetTimestamp();
        var seconds = time.GetElapsedTime(_startedAt).TotalSeconds;
        writer.Write("\r" + Render(_done, total, seconds > 0 ? _done / seconds : 0));
        writer.Flush();
    }
}
