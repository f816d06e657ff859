using RumOperator.ReleaseGuard;

namespace RumOperator.Tests.ReleaseGuard;

public class SecretKeyReferenceTests
{
    [Theory]
    [InlineData("monitoring/am-token", "monitoring", "am-token", "token")]
    [InlineData("monitoring/am-token:bearer", "monitoring", "am-token", "bearer")]
    public void Parses_the_flag(string value, string ns, string name, string key) =>
        Assert.Equal(new SecretKeyReference(ns, name, key), SecretKeyReference.Parse("--alert-token-secret", value));

    [Theory]
    [InlineData("am-token")]
    [InlineData("monitoring/")]
    [InlineData("a/b/c")]
    [InlineData("monitoring/am-token:")]
    public void Rejects_naming_the_flag(string value) =>
        Assert.StartsWith("--alert-token-secret: '" + value + "'", Assert.Throws<FormatException>(() => SecretKeyReference.Parse("--alert-token-secret", value)).Message);
}
