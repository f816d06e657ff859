using RumOperator.Api;
using RumOperator.Validation;

namespace RumOperator.LocalStack;

/// <summary>
/// Compresses SLO time for the local stack: every duration is divided by the factor, never below the validator's
/// shortest window, so a 28d SLO becomes 1h and its alert windows become seconds. Burn rates are ratios, so a
/// scaled SLO pages on the same burn as the real one, only sooner.
/// </summary>
public sealed record TimeScale(double Factor)
{
    public static TimeScale Parse(string flag, double factor) =>
        factor is >= 1 and <= 100_000 ? new TimeScale(factor) : throw new ArgumentException($"{flag}: {factor} must be between 1 and 100000");

    /// <summary>An SLO window, scaled and clamped to the validator's bounds.</summary>
    public string Window(string window)
    {
        var scaled = Scale(PromDuration.Parse(window));
        return PromDuration.Format(scaled < RumSloValidator.MinWindow ? RumSloValidator.MinWindow : scaled);
    }

    /// <summary>Any other duration (cooldown), scaled to whole seconds, at least one.</summary>
    public string Duration(string duration) => PromDuration.Format(Scale(PromDuration.Parse(duration)));

    private TimeSpan Scale(TimeSpan span) => TimeSpan.FromSeconds(Math.Max(1, Math.Round(span.TotalSeconds / Factor)));
}
