using System.Text.Json.Nodes;

namespace RumOperator.Rendering;

/// <summary>
/// One Kubernetes object the operator wants to exist, as the JSON it server-side applies.
/// Rendering is pure: custom resource in, desired objects out.
/// </summary>
public sealed record DesiredObject(string ApiVersion, string Kind, string Namespace, string Name, JsonObject Body)
{
    public string Key => $"{ApiVersion}/{Kind}/{Namespace}/{Name}";
}
