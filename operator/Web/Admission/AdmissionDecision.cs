using System.Text.Json.Nodes;

namespace RumOperator.Web.Admission;

/// <summary>The webhook's answer to one request, and its AdmissionReview v1 form.</summary>
public sealed record AdmissionDecision(bool Allowed, int Code, string? Message, IReadOnlyList<string> Warnings)
{
    /// <summary>The code Kubernetes itself uses for an invalid object (StatusReasonInvalid).</summary>
    public const int Invalid = 422;

    public const int BadRequest = 400;

    public static AdmissionDecision Allow(IReadOnlyList<string>? warnings = null) => new(true, 200, null, warnings ?? []);

    public static AdmissionDecision Deny(string message, IReadOnlyList<string>? warnings = null) => new(false, Invalid, message, warnings ?? []);

    public static AdmissionDecision Malformed(MalformedReview review) => new(false, BadRequest, review.ToString(), []);

    /// <summary>The HTTP status: 200 for any decision the API server should read, 400 for a review it sent wrong.</summary>
    public int HttpStatus => Code == BadRequest ? BadRequest : 200;

    public JsonObject ToReview(string uid)
    {
        var response = new JsonObject { ["uid"] = uid, ["allowed"] = Allowed };
        if (!Allowed)
            response["status"] = new JsonObject
            {
                ["code"] = Code,
                ["reason"] = Code == Invalid ? "Invalid" : "BadRequest",
                ["message"] = Message,
            };
        if (Warnings.Count > 0) response["warnings"] = new JsonArray([.. Warnings.Select(w => (JsonNode)w)]);
        return new JsonObject
        {
            ["apiVersion"] = AdmissionReviewReader.ApiVersion,
            ["kind"] = AdmissionReviewReader.Kind,
            ["response"] = response,
        };
    }
}
