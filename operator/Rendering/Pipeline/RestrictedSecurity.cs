using System.Text.Json.Nodes;

namespace RumOperator.Rendering.Pipeline;

/// <summary>
/// The "restricted" Pod Security Standard, so the collector runs in namespaces that enforce it.
/// Set at both pod and container level: the container level is what the admission check reads,
/// the pod level covers anything added later (sidecars injected by a mesh, for instance).
/// </summary>
internal static class RestrictedSecurity
{
    /// <summary>The collector image's non-root user; numeric so runAsNonRoot can be verified without inspecting the image.</summary>
    public const long UserId = 10001;

    public static JsonObject Pod() => new()
    {
        ["runAsNonRoot"] = true,
        ["runAsUser"] = UserId,
        ["runAsGroup"] = UserId,
        // Mounted Secret files are group-owned by fsGroup, so they can be 0440 and still readable.
        ["fsGroup"] = UserId,
        ["seccompProfile"] = RuntimeDefaultSeccomp(),
    };

    public static JsonObject Container() => new()
    {
        ["runAsNonRoot"] = true,
        ["runAsUser"] = UserId,
        ["runAsGroup"] = UserId,
        ["readOnlyRootFilesystem"] = true,
        ["allowPrivilegeEscalation"] = false,
        ["capabilities"] = new JsonObject { ["drop"] = new JsonArray("ALL") },
        ["seccompProfile"] = RuntimeDefaultSeccomp(),
    };

    private static JsonObject RuntimeDefaultSeccomp() => new() { ["type"] = "RuntimeDefault" };
}
