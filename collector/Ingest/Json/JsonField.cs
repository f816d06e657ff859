using System.Text;
using System.Text.Json;

namespace RumCollector.Ingest.Json;

/// <summary>
/// The value one known property had in the body, captured while streaming and checked afterwards.
/// Strings are kept as their position in the body and decoded only when a check needs the text,
/// so enum-like values never become strings. Absent properties have <see cref="JsonTokenType.None"/>.
/// </summary>
public struct JsonField
{
    /// <summary>Decodes like Utf8JsonReader.GetString does: invalid UTF-8 is an error, not a replacement character.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public JsonTokenType Token;
    /// <summary>For strings: where the token starts (its opening quote) and its length with both quotes; for arrays and objects their whole span.</summary>
    public int Start;
    public int Length;
    /// <summary>For strings: whether the raw text holds escape sequences (then only a reader can decode it).</summary>
    public bool Escaped;
    /// <summary>For numbers: the value when it is a finite double.</summary>
    public double Number;
    public bool IsFiniteNumber;

    public readonly bool IsAbsentOrNull => Token is JsonTokenType.None or JsonTokenType.Null;

    /// <summary>Records the current value token; objects and arrays are recorded by kind only.</summary>
    public static JsonField Capture(ref Utf8JsonReader reader)
    {
        var field = new JsonField { Token = reader.TokenType };
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                field.Start = checked((int)reader.TokenStartIndex);
                field.Length = reader.ValueSpan.Length + 2;
                field.Escaped = reader.ValueIsEscaped;
                break;
            case JsonTokenType.StartArray or JsonTokenType.StartObject:
                field.Start = checked((int)reader.TokenStartIndex); // the length is set once the reader skipped it
                break;
            case JsonTokenType.Number:
                field.IsFiniteNumber = TryGetPlainDecimal(reader.ValueSpan, out var number)
                    || (reader.TryGetDouble(out number) && double.IsFinite(number));
                field.Number = number;
                break;
        }
        return field;
    }

    /// <summary>
    /// Timestamps, statuses, durations and vitals are plain non-negative decimals (1764070000000, 95.0,
    /// 2310.5, 0.04). With at most 15 digits both the digits as an integer and the power of ten are exact
    /// doubles, and IEEE division rounds their quotient correctly: the same double the general
    /// floating-point parser (slower) returns. Signs and exponents take the general path, which keeps -0
    /// distinct from 0.
    /// </summary>
    private static bool TryGetPlainDecimal(ReadOnlySpan<byte> number, out double value)
    {
        value = 0;
        if (number.Length > 16) return false;
        long digits = 0;
        var point = -1;
        for (var i = 0; i < number.Length; i++)
        {
            var c = number[i];
            if (c is >= (byte)'0' and <= (byte)'9') digits = digits * 10 + (c - '0');
            else if (c == '.' && point < 0) point = i;
            else return false;
        }
        var fraction = point < 0 ? 0 : number.Length - point - 1;
        if (number.Length - (point < 0 ? 0 : 1) > 15) return false;
        value = fraction == 0 ? digits : digits / PowersOfTen[fraction];
        return true;
    }

    private static readonly double[] PowersOfTen = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>The string's text; throws InvalidOperationException for invalid UTF-8, like JsonElement.GetString.</summary>
    public readonly string Text(ReadOnlySpan<byte> body)
    {
        if (Escaped) return Open(body).GetString()!;
        try { return StrictUtf8.GetString(Raw(body)); }
        catch (DecoderFallbackException e) { throw new InvalidOperationException("invalid UTF-8", e); }
    }

    /// <summary>The index of the value of <paramref name="set"/> it equals (after unescaping), or -1.</summary>
    public readonly int IndexIn(ReadOnlySpan<byte> body, ClosedSet set)
    {
        if (!Escaped) return set.IndexOf(Raw(body));
        var reader = Open(body);
        try
        {
            for (var i = 0; i < set.Utf8.Length; i++)
                if (reader.ValueTextEquals(set.Utf8[i])) return i;
        }
        catch (InvalidOperationException)
        {
            // An escape that is not valid text (a lone surrogate): no match; decoding reports it.
        }
        return -1;
    }

    /// <summary>The text between the quotes, as sent.</summary>
    private readonly ReadOnlySpan<byte> Raw(ReadOnlySpan<byte> body) => body.Slice(Start + 1, Length - 2);

    private readonly Utf8JsonReader Open(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body.Slice(Start, Length));
        reader.Read();
        return reader;
    }

    /// <summary>A reader over an array's or object's span, positioned on its first token.</summary>
    public readonly Utf8JsonReader Container(ReadOnlySpan<byte> body) => Open(body);
}
