using System.Text.Json;
using System.Text.Json.Nodes;

namespace RumOperator.Web.Admission;

/// <summary>Parses an AdmissionReview body; a malformed one is reported with the field at fault, never thrown.</summary>
public static class AdmissionReviewReader
{
    public const string ApiVersion = "admission.k8s.io/v1";
    public const string Kind = "AdmissionReview";

    private static readonly string[] Operations = ["CREATE", "UPDATE", "DELETE", "CONNECT"];

    public static bool TryRead(string body, out AdmissionRequest? request, out MalformedReview? error)
    {
        request = null;
        JsonNode? root;
        try { root = JsonNode.Parse(body); }
        catch (JsonException e)
        {
            error = new MalformedReview("", "body", $"not JSON ({e.Message.Split('\n')[0]})");
            return false;
        }
        if (root is not JsonObject review)
        {
            error = new MalformedReview("", "body", "must be a JSON object");
            return false;
        }
        error = Read(review, out request);
        return error is null;
    }

    private static MalformedReview? Read(JsonObject review, out AdmissionRequest? request)
    {
        request = null;
        var apiVersion = Text(review["apiVersion"]);
        if (apiVersion != ApiVersion) return new("", "apiVersion", $"expected {ApiVersion}, got '{apiVersion}'");
        if (Text(review["kind"]) != Kind) return new("", "kind", $"expected {Kind}, got '{Text(review["kind"])}'");
        if (review["request"] is not JsonObject r) return new("", "request", "is required");

        var uid = Text(r["uid"]);
        if (string.IsNullOrEmpty(uid)) return new("", "request.uid", "is required");
        var operation = Text(r["operation"]);
        if (!Operations.Contains(operation)) return new(uid, "request.operation", $"'{operation}' is not one of {string.Join(", ", Operations)}");
        if (r["kind"] is not JsonObject kind || string.IsNullOrEmpty(Text(kind["kind"]))) return new(uid, "request.kind.kind", "is required");
        if (!IsObjectOrNull(r["object"])) return new(uid, "request.object", "must be an object");
        if (!IsObjectOrNull(r["oldObject"])) return new(uid, "request.oldObject", "must be an object");
        var obj = r["object"] as JsonObject;
        if (obj is null && operation is "CREATE" or "UPDATE") return new(uid, "request.object", $"is required for {operation}");
        if (r["oldObject"] is null && operation == "UPDATE") return new(uid, "request.oldObject", "is required for UPDATE");

        request = new AdmissionRequest(uid, Text(kind["group"]), Text(kind["version"]), Text(kind["kind"]), operation,
            NullIfEmpty(Text(r["namespace"])), NullIfEmpty(Text(r["name"])), obj, r["oldObject"] as JsonObject);
        return null;
    }

    private static bool IsObjectOrNull(JsonNode? node) => node is null or JsonObject;

    private static string Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
