namespace RumCollector.Ingest.Faro;

/// <summary>
/// Grafana Faro's receiver protocol, as Alloy's faro.receiver serves it: <c>POST /collect</c> with the key in
/// <c>x-api-key</c>. The same admission as <c>/v1/rum</c> (origins, limits, gzip, rate limits), another parser.
/// </summary>
public static class FaroEndpoints
{
    public const string Path = "/collect";
    public const string KeyHeader = "x-api-key";

    /// <summary>
    /// Alloy's allowed headers (content-type, content-encoding, traceparent, x-api-key, x-faro-session-id,
    /// x-scope-orgid) plus Idempotency-Key, which Faro 2.12 sends on every request.
    /// </summary>
    public const string AllowedHeaders = "Content-Type, Content-Encoding, traceparent, x-api-key, x-faro-session-id, x-scope-orgid, " + IngestEndpoints.IdempotencyKeyHeader;

    public static readonly IngestFormat Format = new(FaroParser.Parse, $"send the key in the {KeyHeader} header (Faro's apiKey option)", "meta.app.name");

    public static void MapFaro(this WebApplication app) =>
        app.MapFormat(Path, request => request.Headers[KeyHeader] is { Count: > 0 } key ? key[0] : null, Format, AllowedHeaders);
}
