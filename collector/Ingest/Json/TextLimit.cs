namespace RumCollector.Ingest.Json;

/// <summary>The rules every decoded string field obeys, for the beacon parser and the Faro receiver alike.</summary>
internal static class TextLimit
{
    /// <summary>
    /// Applies "required means non-empty" and the length limit to <paramref name="text"/>: null when it fits (cut to
    /// <paramref name="maxLength"/> when <paramref name="cut"/>), else the reason it is refused.
    /// </summary>
    public static string? Apply(ref string text, bool required, int maxLength, bool cut)
    {
        if (required && text.Length == 0) return "must not be empty";
        if (text.Length <= maxLength) return null;
        if (cut)
        {
            text = text[..maxLength];
            return null;
        }
        return $"is longer than {maxLength} characters";
    }
}
