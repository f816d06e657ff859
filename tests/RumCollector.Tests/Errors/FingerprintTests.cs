using RumCollector.Errors;

namespace RumCollector.Tests.Errors;

/// <summary>
/// The grouping rules over stacks as the three engines print them. The stacks are the formats
/// Chromium (V8), Firefox (SpiderMonkey) and Safari (JavaScriptCore) produce for the same code:
/// placeOrder called from a click handler, under a third-party script, in a content-hashed bundle.
/// </summary>
public sealed class FingerprintTests
{
    private const string Page = "https://shop.example.com";
    private static readonly string[] NoOrigins = [];

    private const string Chromium = """
        TypeError: Cannot read properties of undefined (reading 'total')
            at placeOrder (https://shop.example.com/assets/checkout-5ZQ2C7HR.js:12:19)
            at HTMLButtonElement.onClick (https://shop.example.com/assets/checkout-5ZQ2C7HR.js:30:5)
            at async Promise.all (index 0)
            at https://cdn.tracker.example.net/analytics.js:1:999
        """;

    private const string Firefox = """
        placeOrder@https://shop.example.com/assets/checkout-5ZQ2C7HR.js:12:21
        onClick@https://shop.example.com/assets/checkout-5ZQ2C7HR.js:30:5
        @https://cdn.tracker.example.net/analytics.js:1:1001
        """;

    private const string Safari = """
        placeOrder@https://shop.example.com/assets/checkout-5ZQ2C7HR.js:12:26
        onClick@https://shop.example.com/assets/checkout-5ZQ2C7HR.js:30:12
        forEach@[native code]
        @https://cdn.tracker.example.net/analytics.js:1:1003
        """;

    private static Fingerprint Of(string? message, string? stack, IReadOnlyList<string>? parts = null, string? page = Page, string[]? origins = null) =>
        Fingerprinter.Compute(message, StackParser.Parse(stack), parts, page, origins ?? NoOrigins);

    public static TheoryData<string, string, string?, string?, int, int> Frames => new()
    {
        // engine line → function, url, line, column
        { "V8 named", "    at placeOrder (https://a.example/app.js:12:19)", "placeOrder", "https://a.example/app.js", 12, 19 },
        { "V8 anonymous", "    at https://a.example/app.js:20:3", null, "https://a.example/app.js", 20, 3 },
        { "V8 method with receiver", "    at HTMLButtonElement.onClick (https://a.example/app.js:30:5)", "HTMLButtonElement.onClick", "https://a.example/app.js", 30, 5 },
        { "V8 async", "    at async loadCart (https://a.example/app.js:7:1)", "loadCart", "https://a.example/app.js", 7, 1 },
        { "V8 constructor", "    at new Cart (https://a.example/app.js:3:9)", "Cart", "https://a.example/app.js", 3, 9 },
        { "V8 alias", "    at Object.add [as push] (https://a.example/app.js:4:2)", "Object.add", "https://a.example/app.js", 4, 2 },
        { "V8 native", "    at Array.forEach (<anonymous>)", "Array.forEach", null, 0, 0 },
        { "V8 eval", "    at eval (eval at run (https://a.example/app.js:5:7), <anonymous>:1:1)", null, "https://a.example/app.js", 5, 7 },
        { "V8 port and query", "    at f (http://127.0.0.1:8080/app.js?v=2&email=a@b.example:1:2)", "f", "http://127.0.0.1:8080/app.js?v=2&email=a@b.example", 1, 2 },
        { "Firefox named", "placeOrder@https://a.example/app.js:12:21", "placeOrder", "https://a.example/app.js", 12, 21 },
        { "Firefox anonymous", "@https://a.example/app.js:20:3", null, "https://a.example/app.js", 20, 3 },
        { "Firefox inner anonymous", "placeOrder/<@https://a.example/app.js:13:5", null, "https://a.example/app.js", 13, 5 },
        { "Firefox async", "async*loadCart@https://a.example/app.js:7:1", "loadCart", "https://a.example/app.js", 7, 1 },
        { "Firefox promise callback", "promise callback*render@https://a.example/app.js:8:1", "render", "https://a.example/app.js", 8, 1 },
        { "Firefox eval", "run@https://a.example/app.js line 2 > eval:1:1", "run", "https://a.example/app.js", 2, 0 },
        { "Safari named", "placeOrder@https://a.example/app.js:12:26", "placeOrder", "https://a.example/app.js", 12, 26 },
        { "Safari global code", "global code@https://a.example/app.js:1:8", null, "https://a.example/app.js", 1, 8 },
        { "Safari module code", "module code@https://a.example/app.js:1:8", null, "https://a.example/app.js", 1, 8 },
        { "Safari native", "forEach@[native code]", "forEach", null, 0, 0 },
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public void Each_engine_s_frame_format_is_read(string format, string line, string? function, string? url, int lineNumber, int column)
    {
        var frame = StackParser.ParseLine(line.Trim());
        Assert.True(frame is not null, format);
        Assert.Equal(new StackFrame(function, url, lineNumber, column), frame);
    }

    [Fact]
    public void The_message_line_and_a_cut_last_line_are_not_frames()
    {
        var frames = StackParser.Parse("TypeError: boom\n    at f (https://a.example/app.js:1:2)\n    at g (https://a.exam");
        Assert.Equal([new StackFrame("f", "https://a.example/app.js", 1, 2)], frames);
    }

    [Fact]
    public void The_same_error_in_Chromium_Firefox_and_Safari_has_one_group_from_its_in_app_frames()
    {
        var chromium = Of("TypeError: Cannot read properties of undefined (reading 'total')", Chromium);
        var firefox = Of("TypeError: can't access property \"total\", order is undefined", Firefox);
        var safari = Of("TypeError: undefined is not an object (evaluating 'order.total')", Safari);

        Assert.Equal(FingerprintRule.Frames, chromium.Rule);
        Assert.Equal(chromium.Group, firefox.Group);
        Assert.Equal(chromium.Group, safari.Group);
        Assert.Equal(Fingerprint.Id(FingerprintRule.Frames, ["/assets/checkout.js:placeOrder", "/assets/checkout.js:onClick"]), chromium.Group);
        Assert.Equal("placeOrder", chromium.TopFrame?.Function);
    }

    [Fact]
    public void A_new_content_hash_or_query_keeps_the_group_and_another_function_changes_it()
    {
        var before = Of("Error: x", "    at placeOrder (https://shop.example.com/assets/checkout-5ZQ2C7HR.js:12:19)");
        var rehashed = Of("Error: x", "    at placeOrder (https://shop.example.com/assets/checkout-Q7WE2R9T.js?v=3:99:1)");
        var otherFunction = Of("Error: x", "    at cancelOrder (https://shop.example.com/assets/checkout-5ZQ2C7HR.js:12:19)");

        Assert.Equal(before.Group, rehashed.Group);
        Assert.NotEqual(before.Group, otherFunction.Group);
    }

    [Theory]
    [InlineData("https://shop.example.com/assets/checkout-5ZQ2C7HR.js", "/assets/checkout.js")]
    [InlineData("https://shop.example.com/static/js/main.3f2a9c1b.chunk.js", "/static/js/main.chunk.js")]
    [InlineData("https://shop.example.com/_next/static/chunks/pages/_app-1a2b3c4d5e6f7a8b.js", "/_next/static/chunks/pages/_app.js")]
    [InlineData("https://shop.example.com/build/0f9e8d7c6b5a/app.js?token=secret#x", "/build/app.js")]
    [InlineData("https://shop.example.com/app.js", "/app.js")]
    [InlineData("https://shop.example.com/vendor-react.js", "/vendor-react.js")]
    public void Paths_lose_origin_query_and_hash_like_tokens(string url, string path) =>
        Assert.Equal(path, FramePath.Of(url));

    [Fact]
    public void Third_party_extension_and_native_frames_are_skipped()
    {
        var withNoise = Of("Error: x", """
            Error: x
                at inject (chrome-extension://abcdefghijklmnop/content.js:1:1)
                at track (https://cdn.tracker.example.net/analytics.js:1:999)
                at Array.forEach (<anonymous>)
                at placeOrder (https://shop.example.com/app.js:12:19)
            """);
        var clean = Of("Error: x", "    at placeOrder (https://shop.example.com/app.js:12:19)");

        Assert.Equal(clean.Group, withNoise.Group);
        Assert.Equal("placeOrder", withNoise.TopFrame?.Function);
    }

    [Fact]
    public void The_app_s_cdn_counts_as_its_own_code()
    {
        const string stack = "    at placeOrder (https://cdn.shop.example/app.js:12:19)";
        Assert.Equal(FingerprintRule.TypeMessage, Of("Error: x", stack).Rule);
        Assert.Equal(FingerprintRule.Frames, Of("Error: x", stack, origins: ["https://cdn.shop.example"]).Rule);
    }

    [Fact]
    public void Recursion_depth_does_not_split_a_group()
    {
        var shallow = Of("RangeError: x", "    at walk (https://shop.example.com/app.js:5:1)\n    at main (https://shop.example.com/app.js:9:1)");
        var deep = Of("RangeError: x", "    at walk (https://shop.example.com/app.js:5:1)\n    at walk (https://shop.example.com/app.js:5:1)\n    at walk (https://shop.example.com/app.js:5:1)\n    at main (https://shop.example.com/app.js:9:1)");
        Assert.Equal(shallow.Group, deep.Group);
    }

    [Theory]
    [InlineData("TypeError: Cannot read properties of undefined (reading 'total')", "TypeError: Cannot read properties of undefined (reading 'items')")]
    [InlineData("Error: order 4711 failed", "Error: order 4712 failed")]
    [InlineData("Error: GET https://api.shop.example/cart/91?x=1 failed", "Error: GET https://api.shop.example/cart/17 failed")]
    [InlineData("Error: session 0b8f9c3e-2f6a-4c1d-9e7b-5a4d3c2b1a09 expired", "Error: session 7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6 expired")]
    [InlineData("Error: object 0x7ffe42 and deadbeef01 gone", "Error: object 0x1 and 00ff00ff00aa gone")]
    [InlineData("Uncaught Error: user \"ann@example.com\" not found", "Error: user \"bob\" not found")]
    public void Without_in_app_frames_type_and_normalized_message_group(string a, string b)
    {
        var first = Of(a, null);
        Assert.Equal(FingerprintRule.TypeMessage, first.Rule);
        Assert.Equal(first.Group, Of(b, null).Group);
    }

    [Fact]
    public void Different_types_or_messages_are_different_groups()
    {
        Assert.NotEqual(Of("TypeError: x is undefined", null).Group, Of("ReferenceError: x is undefined", null).Group);
        Assert.NotEqual(Of("TypeError: x is undefined", null).Group, Of("TypeError: x is null", null).Group);
    }

    [Fact]
    public void Normalization_replaces_the_variable_parts()
    {
        Assert.Equal("Failed to fetch <url> for order <num> as <str> (<uuid>, <hex>)",
            MessageNormalizer.Normalize("Failed to fetch https://api.example/x?id=1 for order 42 as 'ann' (0b8f9c3e-2f6a-4c1d-9e7b-5a4d3c2b1a09, 0xdeadbeef)"));
        Assert.Equal(("DOMException", "The operation was aborted."), MessageNormalizer.Split("DOMException: The operation was aborted."));
        Assert.Equal(("ChunkLoadError", "Loading chunk 7 failed."), MessageNormalizer.Split("Uncaught ChunkLoadError: Loading chunk 7 failed."));
    }

    [Fact]
    public void A_message_without_type_or_frames_groups_by_the_message_itself()
    {
        var script = Of("Script error.", null);
        Assert.Equal(FingerprintRule.Message, script.Rule);
        Assert.Equal(script.Group, Of("Script error.", "").Group);
        Assert.NotEqual(script.Group, Of("Script error 2", null).Group);
    }

    [Fact]
    public void An_explicit_fingerprint_wins_and_can_extend_the_default()
    {
        var a = Of("TypeError: a", Chromium, ["checkout", "payment-provider"]);
        var b = Of("ReferenceError: b", null, ["checkout", "payment-provider"]);
        var extended = Of("TypeError: a", Chromium, ["{{ default }}", "tenant-7"]);
        var otherTenant = Of("TypeError: a", Chromium, ["{{ default }}", "tenant-8"]);

        Assert.Equal(FingerprintRule.Explicit, a.Rule);
        Assert.Equal(a.Group, b.Group);
        Assert.NotEqual(a.Group, extended.Group);
        Assert.NotEqual(extended.Group, otherTenant.Group);
        Assert.NotEqual(Of("TypeError: a", Chromium).Group, extended.Group);
    }

    [Fact]
    public void Group_ids_are_16_hex_digits_and_the_same_on_every_run()
    {
        var group = Of("TypeError: a", Chromium).Group;
        Assert.Matches("^[0-9a-f]{16}$", group);
        Assert.Equal(group, Of("TypeError: a", Chromium).Group);
    }
}
