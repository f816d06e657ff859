namespace RumOperator.Tests.Support;

/// <summary>
/// A test that takes minutes (long promtool simulations that regenerate docs tables): runs when
/// RUM_SLOW_TESTS=1; the fast tests cover the same promises in CI.
/// </summary>
public sealed class SlowFactAttribute : FactAttribute
{
    public SlowFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("RUM_SLOW_TESTS") != "1")
            Skip = "slow: set RUM_SLOW_TESTS=1 (see docs/slo.md)";
    }
}
