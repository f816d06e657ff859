using System.IO.Pipelines;

namespace RumCollector.Ingest;

/// <summary>A beacon request as the ingest service sees it: header values and the body, no HTTP types.</summary>
public sealed record IngestRequest(
    string? Origin, string? ContentType, string? ContentEncoding, long? ContentLength, string? Key, PipeReader Body, ClientContext Client,
    string? IdempotencyKey = null);

/// <summary>The answer: a status, and for refusals a title, detail and the bad fields (RFC 7807).</summary>
public sealed record IngestResponse(int Status, string? Title = null, string? Detail = null, IReadOnlyList<FieldError>? Errors = null, TimeSpan? RetryAfter = null)
{
    public static readonly IngestResponse Accepted = new(202);
}
