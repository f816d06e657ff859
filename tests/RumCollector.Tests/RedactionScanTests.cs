using RumCollector.Privacy;
using RumOperator.Api;

namespace RumCollector.Tests;

/// <summary>The pre-scan only skips patterns that cannot match: with and without it, redaction gives the same text.</summary>
public sealed class RedactionScanTests
{
    private static readonly Redactor All = new(Enum.GetValues<RedactionKind>());

    public static TheoryData<string> Texts() =>
    [
        "mail jane.doe@example.com now", "/u/jane.doe%40example.com/x", "card 4111 1111 1111 1111 used", "card 4111-1111-1111-1111",
        "order 4111111111111112 (fails Luhn)", "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U end",
        "Authorization: Bearer abc.DEF-123_xyz", "auth BEARER abc", "call +44 20 7946 0958 today", "call (555) 123-4567", "call 555-123-4567",
        "+1 555", "from 203.0.113.42 via", "from 2001:db8:85a3::8a2e:370:7334 via", "fe80:0:0:0:0:0:0:1", "a::b", "12:34:56",
        "at render (https://shop.example.com/app.js:1:2345)", "version 2.3.1 build 20241125", "https://shop.example.com/product/123?utm_source=mail",
        "TypeError: x is undefined for jane@example.com", "1.2.3.4", "1.2.3", "10.0.0.256", "a1.2.3.4b", "١٢٣.١٢٣.١٢٣.١٢٣", "café jane@example.com", "K 4111 1111 1111 1111 é", "",
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Redaction_with_the_pre_scan_equals_redaction_without_it(string text)
    {
        Assert.Equal(All.RedactWithoutScan(text), All.Redact(text));
    }

    [Fact]
    public void Random_texts_built_from_the_patterns_parts_redact_the_same_with_and_without_the_pre_scan()
    {
        string[] parts = ["4", "1", "0", "9", "5", ".", ":", "::", "@", "%40", "eyJ", "abc", "Bearer ", "bearer\t", "+", "(", ")", "-", " ", "_", "x", "é", "١", "/"];
        var random = new Random(42);
        for (var i = 0; i < 5000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 40)).Select(_ => parts[random.Next(parts.Length)]));
            Assert.Equal(All.RedactWithoutScan(text), All.Redact(text));
        }
    }

    [Theory]
    [InlineData("https://shop.example.com/cart", true, 0, 0, 1, false, false, false, false, false, false)]
    [InlineData("a::b 1.2 +x @ %40 eyJ BeArEr", true, 4, 1, 2, true, true, true, true, true, true)]
    [InlineData("from 203.0.113.42 via", true, 9, 3, 0, false, false, false, false, false, false)]
    [InlineData("app.js:1:2345 v1.x .5", true, 7, 0, 2, false, false, false, false, false, false)]
    [InlineData("café 123", false, 0, 0, 0, false, false, false, false, false, false)]
    public void The_scan_counts_what_the_patterns_need(string text, bool ascii, int digits, int digitDotDigit, int colons, bool doubleColon, bool at, bool plus, bool percent40, bool jwt, bool bearer)
    {
        Assert.Equal(new RedactionScan(ascii, digits, digitDotDigit, colons, doubleColon, at, plus, percent40, jwt, bearer), RedactionScan.Of(text));
    }
}
