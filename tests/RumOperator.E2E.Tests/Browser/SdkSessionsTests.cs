using System.Text.Json;

namespace RumOperator.E2E.Tests.Browser;

public class SdkSessionsTests
{
    /// <summary>The shared session-hash vectors (contracts/Fixtures/session-hash.json) that the SDK's own tests check too.</summary>
    public static TheoryData<string, double> Vectors()
    {
        using var fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, "contracts", "Fixtures", "session-hash.json")));
        var data = new TheoryData<string, double>();
        foreach (var v in fixture.RootElement.GetProperty("vectors").EnumerateArray())
            data.Add(v.GetProperty("id").GetString()!, v.GetProperty("point").GetDouble());
        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void SamplePoint_MatchesTheSdk(string sessionId, double expected)
    {
        Assert.Equal(expected, SdkSessions.SamplePoint(sessionId), 12);
    }
}
