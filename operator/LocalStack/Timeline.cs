using System.Diagnostics;
using System.Globalization;

namespace RumOperator.LocalStack;

/// <summary>What happens in the local stack, one line each, with the seconds since it started.</summary>
public sealed class Timeline(TextWriter output)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(TimeSpan At, string What)> _entries = [];

    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyList<(TimeSpan At, string What)> Entries { get { lock (_entries) return [.. _entries]; } }

    public void Add(string what)
    {
        var at = _clock.Elapsed;
        lock (_entries)
        {
            _entries.Add((at, what));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{at.TotalSeconds,7:0.0}s] {what}"));
            output.Flush();
        }
    }

    /// <summary>A line without a time stamp (URLs, the final verdict).</summary>
    public void Say(string line)
    {
        lock (_entries)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
