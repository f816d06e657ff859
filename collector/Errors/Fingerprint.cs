using System.Security.Cryptography;
using System.Text;

namespace RumCollector.Errors;

/// <summary>Which rule produced a group id, in the order they are tried (docs/errors.md).</summary>
public enum FingerprintRule { Explicit, Frames, TypeMessage, Message }

/// <summary>
/// An error's group: <see cref="Group"/> is 16 hex digits of SHA-256 over the rule and its components, so
/// the same input gives the same id on every collector and across restarts. <see cref="TopFrame"/> is the
/// first in-app frame (raw as the browser sent it) when there is one.
/// </summary>
public sealed record Fingerprint(string Group, FingerprintRule Rule, string Type, string Message, StackFrame? TopFrame)
{
    public const int IdLength = 16;

    public static string Id(FingerprintRule rule, IEnumerable<string> components)
    {
        var text = rule + "\n" + string.Join('\n', components);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash)[..IdLength];
    }

    /// <summary>"path:function" of a frame, as the frames rule and the info metric's frame label see it.</summary>
    public static string FrameKey(string path, string? function) => path + ":" + (function ?? "?");
}
