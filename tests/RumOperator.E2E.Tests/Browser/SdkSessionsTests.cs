namespace RumOperator.E2E.Tests.Browser;

public class SdkSessionsTests
{
    // Reference values printed by the SDK's own samplePoint (sdk/src/sampling.ts bundled with esbuild, run in node).
    [Theory]
    [InlineData("", 0.5043428999)]
    [InlineData("a", 0.8908105595)]
    [InlineData("0123456789abcdef0123456789abcdef", 0.5266159598)]
    [InlineData("e2e00000000", 0.8692147380)]
    public void SamplePoint_MatchesTheSdk(string sessionId, double expected)
    {
        Assert.Equal(expected, SdkSessions.SamplePoint(sessionId), 9);
    }
}
