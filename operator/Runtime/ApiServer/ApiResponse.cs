using System.Text.Json.Nodes;

namespace RumOperator.Runtime.ApiServer;

/// <summary>
/// What the fake server answers: an HTTP code and a JSON body (an object, a list or a Status). Changed says whether
/// the request changed stored state (a write that took effect), which the in-memory front records.
/// </summary>
public sealed record ApiResponse(int StatusCode, JsonObject Body)
{
    public bool Changed { get; init; }

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public static ApiResponse Ok(JsonObject body) => new(200, body);

    public static ApiResponse Status(int code, string reason, string message) => new(code, new JsonObject
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = code < 400 ? "Success" : "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = code,
    });
}
