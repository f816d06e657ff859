using RumOperator.Runtime.Hosting;

namespace RumOperator.Runtime.Tests.Hosting;

public class WatchNamespacesTests
{
    [Theory]
    [InlineData(null, new string[0])]
    [InlineData("", new string[0])]
    [InlineData("team-a", new[] { "team-a" })]
    [InlineData(" team-a, team-b ,team-a", new[] { "team-a", "team-b" })]
    public void Parses_a_comma_separated_list_or_cluster_wide(string? value, string[] expected) =>
        Assert.Equal(expected, WatchNamespaces.Parse(value));

    [Theory]
    [InlineData("Team-A")]
    [InlineData("team_a")]
    [InlineData("-team")]
    public void Rejects_invalid_names_naming_the_flag(string value)
    {
        var e = Assert.Throws<ArgumentException>(() => WatchNamespaces.Parse(value));
        Assert.Contains("--watch-namespaces", e.Message);
        Assert.Contains(value, e.Message);
    }
}
