using RumCollector.Config;
using RumCollector.Metrics;

namespace RumCollector.Ingest;

/// <summary>
/// Admission of one beacon, in the order that spends the least on bad requests: readiness, load,
/// origin, media type, key, repeated Idempotency-Key, size, body within its timeout, byte budget, validation,
/// per-type caps, the client address's event budget, the key's event budget; then the pipeline.
/// Every refusal is a 4xx/503 with a reason; nothing a client sends becomes a 500.
/// </summary>
public sealed class IngestService(StateHolder holder, LoadShedder shedder, IngestPipeline pipeline, IdempotencyKeys recent,
    CollectorOptions options, TimeProvider time, ILogger<IngestService> logger)
{
    public const string ForwardedForHeader = "X-Forwarded-For";

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

        if (!recent.TryClaim(request.Key!, request.IdempotencyKey))
            return Reject(state, DropReason.Duplicate, IngestResponse.Accepted);
        IngestResponse? response = null;
        try
        {
            response = await AdmitClaimedAsync(state, request, format, keyApp, cancellationToken);
            return response;
        }
        finally
        {
            // Refused (or aborted): the client's retry must be processed, not answered as a duplicate.
            if (response?.Status != IngestResponse.Accepted.Status) recent.Release(request.Key!, request.IdempotencyKey);
        }
    }

    /// <summary>The rest of admission, once the request's Idempotency-Key is claimed (released again unless accepted).</summary>
    private async Task<IngestResponse> AdmitClaimedAsync(CollectorState state, IngestRequest request, IngestFormat format, string keyApp, CancellationToken cancellationToken)
    {
        var max = state.Config.Ingest.MaxBeaconBytes;
        if (request.ContentLength > max) return TooLarge(state, max);
        Body body;
        try
        {
            if (!BodyReader.TryReadArrived(request.Body, request.ContentEncoding, max, out body))
            {
                // A client trickling its body would hold its ingest slot (and two buffers) for as long as it likes.
                using var deadline = new CancellationTokenSource(options.BodyTimeout, time);
                using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
                try { body = await BodyReader.ReadAsync(request.Body, request.ContentEncoding, max, reading.Token); }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    return Reject(state, DropReason.BodyTimeout, new IngestResponse(408, "Request timeout",
                        $"the body did not arrive within {options.BodyTimeout.TotalSeconds:0.#} s"));
                }
            }
        }
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
        if (OverTypeCaps(state, beacon) is { } overCaps)
        {
            state.Metrics.EventsDropped.WithLabels(DropReason.OverBeaconCap).Inc(total);
            return new IngestResponse(400, "Invalid beacon", $"{overCaps.Count} invalid field(s)", overCaps);
        }

        var clientIp = state.ClientAddresses.Resolve(request.Client.RemoteIp, request.Client.ForwardedFor);
        var client = Equals(clientIp, request.Client.RemoteIp) ? request.Client : request.Client with { RemoteIp = clientIp };
        if (state.Clients.Enabled && total > state.Clients.Burst)
            return Invalid(state, [new FieldError("events", $"holds {total} events, more than a client's burst of {state.Clients.Burst}")], total);
        var perClient = state.Clients.TryEvents(client.RemoteIp, total);
        if (!perClient.Allowed)
        {
            state.Metrics.EventsDropped.WithLabels(DropReason.ClientRateLimited).Inc(total);
            return new IngestResponse(429, "Rate limited", "this client address's event budget is spent", RetryAfter: perClient.RetryAfter);
        }
        var events = state.Limiter.TryEvents(request.Key!, total);
        if (!events.Allowed)
        {
            state.Metrics.EventsDropped.WithLabels(DropReason.RateLimited).Inc(total);
            return RateLimited(events, "events");
        }

        pipeline.Process(state, beacon, client);
        return IngestResponse.Accepted;
    }

    /// <summary>One error per event type over its cap (ingest.maxEventsPerBeacon), null when none: such a beacon stands for more than one page.</summary>
    private static List<FieldError>? OverTypeCaps(CollectorState state, Beacon beacon)
    {
        Span<int> perType = stackalloc int[EventTypes.Length];
        foreach (var e in beacon.Events) perType[(int)e.Type]++;
        List<FieldError>? errors = null;
        foreach (var type in EventTypes)
        {
            var max = state.MaxPerBeacon(type);
            if (perType[(int)type] <= max) continue;
            var name = RumEvent.TypeName(type);
            (errors ??= []).Add(new FieldError("events", $"holds {perType[(int)type]} {name} events, more than the {max} one beacon may carry (ingest.maxEventsPerBeacon.{name})"));
        }
        return errors;
    }

    private static readonly EventType[] EventTypes = Enum.GetValues<EventType>();

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
