namespace RumOperator.ReleaseGuard;

/// <summary>Secret data is base64; a value that is not must read as "missing", not crash a request.</summary>
internal static class Base64
{
    public static byte[]? TryDecode(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }
}
