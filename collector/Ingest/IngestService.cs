using RumCollector.Config;
using RumCollector.Metrics;

namespace RumCollector.Ingest;

/// <summary>
/// Admission of one beacon, in the order that spends the least on bad requests: readiness, load,
/// origin, media type, key, repeated Idempotency-Key, size, byte budget, validation, event budget; then the pipeline.
/// Every refusal is a 4xx/503 with a reason; nothing a client sends becomes a 500.
/// </summary>
public sealed class IngestService(StateHolder holder, LoadShedder shedder, IngestPipeline pipeline, IdempotencyKeys recent, ILogger<IngestService> logger)
{
    public Task<IngestResponse> HandleAsync(IngestRequest request, CancellationToken cancellationToken) =>
        HandleAsync(request, IngestFormat.Beacon, cancellationToken);

    public async Task<IngestResponse> HandleAsync(IngestRequest request, IngestFormat format, CancellationToken cancellationToken)
    {
        if (holder.Current is not { } state)
            return new IngestResponse(503, "Not ready", "the collector has no configuration yet", RetryAfter: TimeSpan.FromSeconds(5));
        if (!shedder.TryEnter())
            return Reject(state, DropReason.Overloaded, new IngestResponse(503, "Overloaded", "too many beacons in flight; retry later", RetryAfter: TimeSpan.FromSeconds(1)));
        try
        {
            return await AdmitAsync(state, request, format, cancellationToken);
        }
        finally
        {
            shedder.Exit();
        }
    }

    private async Task<IngestResponse> AdmitAsync(CollectorState state, IngestRequest request, IngestFormat format, CancellationToken cancellationToken)
    {
        if (!state.OriginAllowed(request.Origin))
            return Reject(state, DropReason.OriginNotAllowed, new IngestResponse(403, "Origin not allowed", $"origin {request.Origin} is not in allowedOrigins"));
        if (!IsSupportedMediaType(request.ContentType))
            return Reject(state, DropReason.UnsupportedMediaType, new IngestResponse(415, "Unsupported media type", "send application/json or text/plain"));
        var keyApp = state.AppForKey(request.Key);
        if (keyApp is null)
            return Reject(state, DropReason.UnknownKey, new IngestResponse(401, "Unknown ingest key", request.Key is null
                ? format.KeyHint
                : "the key is not configured for any app"));

        if (recent.Seen(request.Key!, request.IdempotencyKey))
            return Reject(state, DropReason.Duplicate, IngestResponse.Accepted);

        var max = state.Config.Ingest.MaxBeaconBytes;
        if (request.ContentLength > max) return TooLarge(state, max);
        Body body;
        try { body = await BodyReader.ReadAsync(request.Body, request.ContentEncoding, max, cancellationToken); }
        catch (IOException e) when (!cancellationToken.IsCancellationRequested)
        {
            // The client sent less than it announced or broke the chunked framing.
            return Invalid(state, [new FieldError("body", $"could not be read: {e.Message}")], 0);
        }
        using var _ = body;
        switch (body.Status)
        {
            case BodyStatus.TooLarge: return TooLarge(state, max);
            case BodyStatus.UnsupportedEncoding:
                return Reject(state, DropReason.UnsupportedMediaType, new IngestResponse(415, "Unsupported content encoding", "use gzip, deflate, br or none"));
            case BodyStatus.BadEncoding:
                return Invalid(state, [new FieldError("body", $"is not valid {request.ContentEncoding} data")], 0);
        }

        var bytes = state.Limiter.TryBytes(request.Key!, body.WireBytes);
        if (!bytes.Allowed) return Reject(state, DropReason.RateLimited, RateLimited(bytes, "bytes"));

        var parsed = format.Parse(body.Bytes);
        if (parsed.Beacon is not { } beacon) return Invalid(state, parsed.Errors, parsed.EventCount);
        if (beacon.App != keyApp)
            return Invalid(state, [new FieldError(format.AppField, $"'{Truncate(beacon.App)}' does not match the ingest key's app")], parsed.EventCount);

        var total = beacon.Events.Count + beacon.UnknownEvents + beacon.UnmappedCount;
        if (total > state.Limiter.EventBurst)
            return Invalid(state, [new FieldError("events", $"holds {total} events, more than the key's burst of {state.Limiter.EventBurst}")], total);
        var events = state.Limiter.TryEvents(request.Key!, total);
        if (!events.Allowed)
        {
            state.Metrics.EventsDropped.WithLabels(DropReason.RateLimited).Inc(total);
            return RateLimited(events, "events");
        }

        pipeline.Process(state, beacon, request.Client);
        recent.Remember(request.Key!, request.IdempotencyKey);
        return IngestResponse.Accepted;
    }

    private static bool IsSupportedMediaType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return true; // sendBeacon with a Blob of no type
        var media = contentType.AsSpan();
        if (media.IndexOf(';') is var semicolon and >= 0) media = media[..semicolon];
        media = media.Trim();
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Equals("text/plain", StringComparison.OrdinalIgnoreCase);
    }

    private IngestResponse Invalid(CollectorState state, IReadOnlyList<FieldError> errors, int events)
    {
        if (events > 0) state.Metrics.EventsDropped.WithLabels(DropReason.Invalid).Inc(events);
        else state.Metrics.BeaconsRejected.WithLabels(DropReason.Invalid).Inc();
        logger.LogDebug("Beacon rejected: {Errors}", string.Join("; ", errors.Select(e => $"{e.Field}: {e.Reason}")));
        return new IngestResponse(400, "Invalid beacon", $"{errors.Count} invalid field(s)", errors);
    }

    private static IngestResponse TooLarge(CollectorState state, int max) =>
        Reject(state, DropReason.TooLarge, new IngestResponse(413, "Beacon too large", $"a beacon may hold at most {max} bytes, before and after decompression"));

    private static IngestResponse RateLimited(RateDecision decision, string budget) =>
        new(429, "Rate limited", $"the key's {budget} budget is spent", RetryAfter: decision.RetryAfter);

    private static IngestResponse Reject(CollectorState state, string reason, IngestResponse response)
    {
        state.Metrics.BeaconsRejected.WithLabels(reason).Inc();
        return response;
    }

    private static string Truncate(string s) => s.Length <= 64 ? s : s[..64] + "…";
}
