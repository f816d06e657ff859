using System.Text.Json.Nodes;

namespace RumOperator.Web.Admission;

/// <summary>The parts of an admission.k8s.io/v1 AdmissionReview request the webhook reads.</summary>
public sealed record AdmissionRequest(
    string Uid,
    string Group,
    string Version,
    string Kind,
    string Operation,
    string? Namespace,
    string? Name,
    JsonObject? Object,
    JsonObject? OldObject);

/// <summary>A review the webhook cannot judge: what is wrong with it, and the uid when it could be read.</summary>
public sealed record MalformedReview(string Uid, string Field, string Reason)
{
    public override string ToString() => $"malformed AdmissionReview: {Field}: {Reason}";
}
