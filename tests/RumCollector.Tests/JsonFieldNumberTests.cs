using System.Globalization;
using System.Text;
using System.Text.Json;
using RumCollector.Ingest.Json;

namespace RumCollector.Tests;

/// <summary>The fast path for plain decimals must give the very double the general parser gives.</summary>
public sealed class JsonFieldNumberTests
{
    [Fact]
    public void Plain_decimals_read_bit_for_bit_as_the_general_parser_reads_them()
    {
        var random = new Random(42);
        for (var n = 0; n < 50_000; n++)
        {
            var digits = random.Next(1, 17);
            var text = new StringBuilder();
            for (var i = 0; i < digits; i++) text.Append((char)('0' + random.Next(i == 0 && digits > 1 ? 1 : 0, 10)));
            if (digits > 1 && random.Next(3) > 0) text.Insert(random.Next(1, digits), '.');

            var json = text.ToString();
            Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(json, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(Read(json)));
        }
    }

    [Theory]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData("1e3")]
    [InlineData("2310.5")]
    [InlineData("1764070000000")]
    [InlineData("0.04")]
    public void Signs_and_exponents_take_the_general_path_with_the_same_result(string json) =>
        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(json, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(Read(json)));

    private static double Read(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        var field = JsonField.Capture(ref reader);
        Assert.True(field.IsFiniteNumber);
        return field.Number;
    }
}
