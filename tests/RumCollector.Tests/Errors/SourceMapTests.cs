using System.Text;
using RumCollector.Errors;
using RumCollector.Errors.SourceMaps;

namespace RumCollector.Tests.Errors;

public sealed class SourceMapTests
{
    /// <summary>
    /// The test map of Mozilla's source-map library (test/util.js, testMap) with sourcesContent added:
    /// its expected mappings below are the library's own assertions, generated columns 0-based.
    /// </summary>
    public const string MozillaMap = """
        {"version":3,"file":"min.js","names":["bar","baz","n"],"sources":["one.js","two.js"],"sourceRoot":"/the/root",
         "sourcesContent":["ONE.foo = function (bar) {\n  return baz(bar);\n};","TWO.inc = function (n) {\n  return n + 1;\n};"],
         "mappings":"CAAC,IAAI,IAAM,SAAUA,GAClB,OAAOC,IAAID;CCDb,IAAI,IAAM,SAAUE,GAClB,OAAOA"}
        """;

    private static SourceMap Mozilla() => SourceMap.Parse(Encoding.UTF8.GetBytes(MozillaMap));

    [Theory]
    [InlineData(1, 1, "/the/root/one.js", 1, 1, null)]
    [InlineData(1, 5, "/the/root/one.js", 1, 5, null)]
    [InlineData(1, 9, "/the/root/one.js", 1, 11, null)]
    [InlineData(1, 18, "/the/root/one.js", 1, 21, "bar")]
    [InlineData(1, 21, "/the/root/one.js", 2, 3, null)]
    [InlineData(1, 28, "/the/root/one.js", 2, 10, "baz")]
    [InlineData(1, 32, "/the/root/one.js", 2, 14, "bar")]
    [InlineData(2, 1, "/the/root/two.js", 1, 1, null)]
    [InlineData(2, 5, "/the/root/two.js", 1, 5, null)]
    [InlineData(2, 9, "/the/root/two.js", 1, 11, null)]
    [InlineData(2, 18, "/the/root/two.js", 1, 21, "n")]
    [InlineData(2, 21, "/the/root/two.js", 2, 3, null)]
    [InlineData(2, 28, "/the/root/two.js", 2, 10, "n")]
    public void Mappings_decode_as_the_reference_implementation_reads_them(int line, int column0, string source, int originalLine, int originalColumn0, string? name)
    {
        var position = Mozilla().Find(line, column0 + 1);
        Assert.Equal(new OriginalPosition(source, originalLine, originalColumn0 + 1, name), position);
    }

    [Fact]
    public void A_column_between_segments_belongs_to_the_segment_before_it()
    {
        var map = Mozilla();
        Assert.Equal(map.Find(1, 29), map.Find(1, 31));
        Assert.Null(map.Find(1, 1)); // before the first segment of the line
        Assert.Null(map.Find(9, 1));
    }

    [Fact]
    public void The_function_around_a_position_is_read_from_the_original_source()
    {
        var map = Mozilla();
        var frame = Symbolicator.Resolve(new StackFrame("n", "https://shop.example.com/min.js", 1, 29), map);
        Assert.Equal(new StackFrame("foo", "/the/root/one.js", 2, 11), frame.Original);
    }

    [Theory]
    [InlineData("function placeOrder(cart) {", "placeOrder")]
    [InlineData("export async function* items<T>(x) {", "items")]
    [InlineData("  onClick: function () {", "onClick")]
    [InlineData("const total = (items: Item[]): number => {", "total")]
    [InlineData("export const load = async id => {", "load")]
    [InlineData("  private async submit(order: Order): Promise<void> {", "submit")]
    [InlineData("  if (cart.items.length === 0) {", null)]
    [InlineData("  return total(cart);", null)]
    public void Function_definitions_are_recognized(string line, string? name) => Assert.Equal(name, OriginalFunction.NameIn(line));

    [Theory]
    [InlineData("""{"version":2,"sources":[],"names":[],"mappings":""}""", "version must be 3")]
    [InlineData("""{"version":3,"sources":["a.js"],"names":[],"mappings":"A!AA"}""", "mappings are invalid")]
    [InlineData("""{"version":3,"sources":["a.js"],"names":[],"mappings":"AAAA,AC"}""", "mappings are invalid")]
    [InlineData("""{"version":3,"sources":["a.js"],"names":[],"mappings":"AEAA"}""", "mappings are invalid")]
    [InlineData("""{"version":3,"sources":["a.js"],"names":[],"mappings":"AAAAC"}""", "mappings are invalid")]
    [InlineData("""{"version":3,"sources":["a.js"],"names":[],"mappings":"gggggggggggggA"}""", "mappings are invalid")]
    [InlineData("""{"version":3,"sections":[]}""", "index maps")]
    [InlineData("""[1,2]""", "not a JSON object")]
    [InlineData("""{"version":3,"sources":[],"names":[]}""", "mappings must be a string")]
    public void Hostile_maps_fail_with_a_reason(string json, string reason)
    {
        var e = Assert.Throws<SourceMapException>(() => SourceMap.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Contains(reason, e.Message);
    }

    [Theory]
    [InlineData("webpack://shop/./src/checkout.ts", "src/checkout.ts")]
    [InlineData("../src/checkout.ts", "src/checkout.ts")]
    [InlineData("./src/checkout.ts", "src/checkout.ts")]
    [InlineData("src/checkout.ts", "src/checkout.ts")]
    [InlineData("https://cdn.shop.example/src/checkout.ts", "https://cdn.shop.example/src/checkout.ts")]
    public void Source_names_lose_bundler_prefixes(string source, string clean) => Assert.Equal(clean, Symbolicator.CleanSource(source));

    [Fact]
    public void Rewriting_a_stack_resolves_cached_frames_and_keeps_the_rest()
    {
        var map = Mozilla();
        const string stack = "TypeError: boom\n    at n (https://shop.example.com/min.js?v=1:1:29)\n    at x (https://cdn.other.example/lib.js?key=secret:1:1)";
        var (rewritten, top, frames) = Symbolicator.Rewrite(stack,
            f => f.Url!.StartsWith("https://shop.example.com/", StringComparison.Ordinal),
            url => url == "https://shop.example.com/min.js?v=1" ? map : null);

        Assert.Equal("TypeError: boom\n    at foo (/the/root/one.js:2:11)\n    at x (https://cdn.other.example/lib.js?key=secret:1:1)", rewritten);
        Assert.Equal("/the/root/one.js:foo", Symbolicator.Label(top!));
        Assert.Equal(StackParser.Parse(stack), frames);
    }
}
