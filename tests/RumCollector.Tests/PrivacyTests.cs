using System.Net;
using RumCollector.Privacy;
using RumOperator.Api;
using RumOperator.Metrics;

namespace RumCollector.Tests;

public sealed class PrivacyTests
{
    private static readonly Redactor All = new(Enum.GetValues<RedactionKind>());

    [Theory]
    [InlineData("mail jane.doe@example.com now", "mail [email] now")]
    [InlineData("/u/jane.doe%40example.com/x", "/u/[email]/x")]
    [InlineData("card 4111 1111 1111 1111 used", "card [card] used")]
    [InlineData("card 4111-1111-1111-1111", "card [card]")]
    [InlineData("order 4111111111111112 (fails Luhn)", "order 4111111111111112 (fails Luhn)")]
    [InlineData("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U end", "token [jwt] end")]
    [InlineData("Authorization: Bearer abc.DEF-123_xyz", "Authorization: Bearer [token]")]
    [InlineData("call +44 20 7946 0958 today", "call [phone] today")]
    [InlineData("call (555) 123-4567", "call [phone]")]
    [InlineData("call 555-123-4567", "call [phone]")]
    [InlineData("from 203.0.113.42 via", "from [ip] via")]
    [InlineData("from 2001:db8:85a3::8a2e:370:7334 via", "from [ip] via")]
    [InlineData("at render (https://shop.example.com/app.js:1:2345)", "at render (https://shop.example.com/app.js:1:2345)")]
    [InlineData("version 2.3.1 build 20241125", "version 2.3.1 build 20241125")]
    public void Redaction_removes_personal_data_and_keeps_the_rest(string input, string expected)
    {
        Assert.Equal(expected, All.Redact(input));
    }

    [Fact]
    public void Only_enabled_redactions_apply()
    {
        var emailOnly = new Redactor([RedactionKind.Email]);
        Assert.Equal("[email] 203.0.113.42", emailOnly.Redact("a@b.io 203.0.113.42"));
    }

    [Theory]
    [InlineData("4111 1111 1111 1111", true)]
    [InlineData("5500-0000-0000-0004", true)]
    [InlineData("4111 1111 1111 1112", false)]
    [InlineData("123", false)]
    [InlineData("4111x1111", false)]
    public void Luhn_checks_card_numbers(string text, bool valid) => Assert.Equal(valid, Luhn.IsValid(text));

    [Theory]
    [InlineData("https://shop.example.com/product/123?utm_source=mail&email=a@b.io&token=x#frag", "https://shop.example.com/product/123?utm_source=mail")]
    [InlineData("https://shop.example.com/?q=secret", "https://shop.example.com/")]
    [InlineData("https://shop.example.com/u/jane@example.com", "https://shop.example.com/u/[email]")]
    [InlineData("/cart?utm_campaign=x&utm_source=y", "/cart?utm_campaign=x&utm_source=y")]
    public void Urls_keep_only_allowlisted_query_parameters(string url, string expected)
    {
        var sanitizer = new UrlSanitizer(["utm_source", "utm_campaign"], All);
        Assert.Equal(expected, sanitizer.Sanitize(url));
    }

    [Theory]
    [InlineData("Error: x\n    at pay (https://shop.example.com/app.js?v=3&token=abc:13:83)\n    at https://shop.example.com/b.js:1:2",
        "Error: x\n    at pay (https://shop.example.com/app.js:13:83)\n    at https://shop.example.com/b.js:1:2")]
    [InlineData("pay@https://shop.example.com/checkout?utm_source=n&email=a%40b.io#step2:7:1", "pay@https://shop.example.com/checkout?utm_source=n:7:1")]
    [InlineData("at render (https://shop.example.com/app.js:1:2345)", "at render (https://shop.example.com/app.js:1:2345)")]
    [InlineData("no urls? here", "no urls? here")]
    public void Urls_inside_stack_traces_keep_only_allowlisted_query_parameters_and_their_position(string stack, string expected)
    {
        var sanitizer = new UrlSanitizer(["utm_source", "utm_campaign"], All);
        Assert.Equal(expected, sanitizer.SanitizeUrlsIn(stack));
    }

    [Theory]
    [InlineData("203.0.113.42", IpAddressHandling.Truncate, "203.0.113.0")]
    [InlineData("::ffff:203.0.113.42", IpAddressHandling.Truncate, "203.0.113.0")]
    [InlineData("2001:db8:85a3:1234:5678:8a2e:370:7334", IpAddressHandling.Truncate, "2001:db8:85a3::")]
    [InlineData("203.0.113.42", IpAddressHandling.Drop, null)]
    public void Client_ips_are_truncated_or_dropped(string ip, IpAddressHandling handling, string? expected)
    {
        Assert.Equal(expected, IpTruncator.Apply(IPAddress.Parse(ip), handling));
    }

    [Fact]
    public void User_ids_are_hmac_sha256_with_the_salt_and_dropped_without_one()
    {
        var hash = new UserIdHasher("salt"u8.ToArray()).Hash("user-42");
        // Known answer from: echo -n user-42 | openssl dgst -sha256 -hmac salt
        Assert.Equal("c08e83c2224abfe776f4b43c6df4b0e5b8976767e30826c39a408da2e7e69770", hash);
        Assert.NotEqual(hash, new UserIdHasher("pepper"u8.ToArray()).Hash("user-42"));
        Assert.Null(new UserIdHasher(null).Hash("user-42"));
    }

    [Theory]
    [InlineData(ConsentState.Granted, false, MissingConsent.Drop, ConsentDecision.Full)]
    [InlineData(ConsentState.Denied, false, MissingConsent.Anonymous, ConsentDecision.Drop)]
    [InlineData(ConsentState.Unknown, false, MissingConsent.Anonymous, ConsentDecision.Full)]
    [InlineData(ConsentState.Unknown, false, MissingConsent.Drop, ConsentDecision.Full)]
    [InlineData(ConsentState.Unknown, true, MissingConsent.Anonymous, ConsentDecision.Anonymous)]
    [InlineData(ConsentState.Unknown, true, MissingConsent.Drop, ConsentDecision.Drop)]
    [InlineData(ConsentState.Denied, true, MissingConsent.Anonymous, ConsentDecision.Drop)]
    [InlineData(null, false, MissingConsent.Drop, ConsentDecision.Full)]
    [InlineData(null, true, MissingConsent.Drop, ConsentDecision.Drop)]
    [InlineData(null, true, MissingConsent.Anonymous, ConsentDecision.Anonymous)]
    public void Consent_decides_full_anonymous_or_drop(ConsentState? reported, bool required, MissingConsent whenMissing, ConsentDecision expected)
    {
        var spec = new ConsentSpec { Required = required, WhenMissing = whenMissing };
        Assert.Equal(expected, ConsentGate.Decide(ConsentGate.Effective(reported, spec), spec));
    }

    [Theory]
    [InlineData("/product/:id", "https://x/anything", "/product/:id")]
    [InlineData(null, "https://shop.example.com/product/123?x=1", "/product/:id")]
    [InlineData(null, "https://shop.example.com/product/new", "/product/new")]
    [InlineData(null, "https://shop.example.com/", "/")]
    [InlineData(null, "https://shop.example.com/cart/", "/cart")]
    [InlineData(null, "https://shop.example.com/account/42/orders", RumMetrics.Other)]
    [InlineData("/product/123", "https://shop.example.com/product/9", "/product/:id")]
    [InlineData("/made/up/:route", "https://shop.example.com/zzz", RumMetrics.Other)]
    [InlineData(null, "/docs/a/b/c", "/docs/*")]
    [InlineData(null, "not a url", RumMetrics.Other)]
    [InlineData(null, null, RumMetrics.Other)]
    public void Routes_resolve_to_a_template_or_other(string? sdkRoute, string? url, string expected)
    {
        var resolver = new RouteResolver(["/", "/product/:id", "/product/new", "/cart", "/docs/*"]);
        Assert.Equal(expected, resolver.Resolve(sdkRoute, url));
    }

    [Theory]
    [InlineData("/product/:id", "/product/:id")]
    [InlineData("/checkout", "/checkout")]
    [InlineData("/product/123", RumMetrics.Other)]
    [InlineData("/u/jane@example.com", RumMetrics.Other)]
    [InlineData("/search?q=shoes", RumMetrics.Other)]
    [InlineData("/item/3f2a9c", RumMetrics.Other)]
    [InlineData(null, RumMetrics.Other)]
    public void Without_templates_only_template_shaped_sdk_routes_become_labels(string? sdkRoute, string expected)
    {
        Assert.Equal(expected, new RouteResolver([]).Resolve(sdkRoute, "https://shop.example.com/product/123"));
    }
}
