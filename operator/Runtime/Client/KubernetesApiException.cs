using System.Net;

namespace RumOperator.Runtime.Client;

/// <summary>A non-success answer from the API server, carrying the HTTP code and the Status reason.</summary>
public sealed class KubernetesApiException(int statusCode, string reason, string message, TimeSpan? retryAfter = null)
    : Exception(message)
{
    public int StatusCode { get; } = statusCode;
    public string Reason { get; } = reason;

    /// <summary>Server-requested delay (Retry-After on 429/503); the controller waits at least this long.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public bool IsNotFound => StatusCode == (int)HttpStatusCode.NotFound;
    public bool IsConflict => StatusCode == (int)HttpStatusCode.Conflict;

    /// <summary>410: the resourceVersion a watch asked for was compacted away; the informer must relist.</summary>
    public bool IsGone => StatusCode == (int)HttpStatusCode.Gone;

    public static KubernetesApiException Conflict(string what) => new(409, "Conflict", $"{what}: the object has been modified; retry with the latest version");
    public static KubernetesApiException NotFound(string what) => new(404, "NotFound", $"{what}: not found");
    public static KubernetesApiException Gone(string what) => new(410, "Expired", $"{what}: resourceVersion too old");
    public static KubernetesApiException ServerError(string what) => new(500, "InternalError", $"{what}: internal error");
}
