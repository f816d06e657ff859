namespace RumCollector.Errors;

/// <summary>
/// One frame of a browser stack trace. <see cref="Function"/> is null for anonymous and top-level
/// code; <see cref="Url"/> is null for native frames. Line and column are 1-based as browsers print them.
/// </summary>
public sealed record StackFrame(string? Function, string? Url, int Line, int Column)
{
    /// <summary>The same frame after a source map resolved it: original file, line, column and function.</summary>
    public StackFrame? Original { get; init; }
}
