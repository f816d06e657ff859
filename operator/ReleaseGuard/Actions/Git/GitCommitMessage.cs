using System.Globalization;
using System.Text;

namespace RumOperator.ReleaseGuard;

/// <summary>Pure: the message of a revert commit, for a reviewer who never heard of the operator.</summary>
public static class GitCommitMessage
{
    public static string For(RollbackContext context, string restore, string restoreSource, IReadOnlyList<GitFieldChange> changes)
    {
        var (signal, slo) = (context.Signal, $"{context.Slo.Namespace}/{context.Slo.Name}");
        var burn = signal.BurnRate.ToString("0.##", CultureInfo.InvariantCulture);
        var reverted = OneLine(signal.Release);
        var message = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Revert release {reverted} to {restore}: RumSLO {slo} burns its error budget at {burn}x\n\n")
            .Append(CultureInfo.InvariantCulture, $"Release {reverted} burned the error budget of RumSLO {slo} at {burn}x with {signal.Events}\n")
            .Append(CultureInfo.InvariantCulture, $"events in the page alert's long window at {context.Now.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}. RumOperator's release\n")
            .Append(CultureInfo.InvariantCulture, $"guard restores release {restore} ({restoreSource}).\n\n");
        foreach (var change in changes) message.Append(CultureInfo.InvariantCulture, $"- {change}\n");
        return message
            .Append(CultureInfo.InvariantCulture, $"\nRumSLO: {slo}\nReverted-Release: {reverted}\nRestored-Release: {restore}\n")
            .ToString();
    }

    /// <summary>The reverted release comes from a metric label: no line breaks or control characters in a commit.</summary>
    private static string OneLine(string text)
    {
        var clean = new string(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return clean.Length <= 100 ? clean : clean[..100] + "...";
    }
}
