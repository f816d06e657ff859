namespace RumCollector.Ingest;

/// <summary>
/// The Idempotency-Key of requests accepted lately or in flight, per ingest key, so a client's retry of a
/// request that was processed (Faro 2.12 retries after timeouts and network errors, with the same key) is
/// answered 202 without being counted twice. Bounded in entries and time: the oldest entries go first.
/// </summary>
public sealed class IdempotencyKeys(TimeProvider time, int capacity = IdempotencyKeys.DefaultCapacity)
{
    public const int DefaultCapacity = 50_000;
    /// <summary>Faro gives up after 3 attempts with backoff up to 30 s and 10 s timeouts; five minutes covers them.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    /// <summary>Faro's are 20 characters; longer values are not remembered (a client's choice must not cost memory).</summary>
    public const int MaxKeyLength = 64;

    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(string Entry, DateTimeOffset Expires)> _order = new();
    private readonly Lock _lock = new();

    public bool Seen(string ingestKey, string? idempotencyKey)
    {
        if (!Usable(idempotencyKey)) return false;
        lock (_lock)
        {
            Expire(time.GetUtcNow());
            return _seen.ContainsKey(Entry(ingestKey, idempotencyKey!));
        }
    }

    public void Remember(string ingestKey, string? idempotencyKey) => TryClaim(ingestKey, idempotencyKey);

    /// <summary>
    /// Check and remember in one step: false when the key was seen (or is being processed) within the window. A
    /// retry that arrives while the first request is still in flight is refused as a duplicate too, so the two
    /// are never both counted (the retry gets 202 at once; should the first then be refused, its key is released
    /// and the client's next retry is processed). Without a usable key every request is new.
    /// </summary>
    public bool TryClaim(string ingestKey, string? idempotencyKey)
    {
        if (!Usable(idempotencyKey)) return true;
        var now = time.GetUtcNow();
        var entry = Entry(ingestKey, idempotencyKey!);
        lock (_lock)
        {
            Expire(now);
            if (!_seen.TryAdd(entry, now + Window)) return false;
            _order.Enqueue((entry, now + Window));
            while (_seen.Count > capacity) Drop(_order.Dequeue());
            return true;
        }
    }

    /// <summary>Gives a claimed key back: its request was refused, so the client's retry must be processed.</summary>
    public void Release(string ingestKey, string? idempotencyKey)
    {
        if (!Usable(idempotencyKey)) return;
        lock (_lock) _seen.Remove(Entry(ingestKey, idempotencyKey!));
    }

    private void Expire(DateTimeOffset now)
    {
        while (_order.TryPeek(out var oldest) && oldest.Expires <= now) Drop(_order.Dequeue());
    }

    /// <summary>An order entry removes its key only if the key was not released and claimed again since.</summary>
    private void Drop((string Entry, DateTimeOffset Expires) queued)
    {
        if (_seen.TryGetValue(queued.Entry, out var expires) && expires == queued.Expires) _seen.Remove(queued.Entry);
    }

    private static bool Usable(string? key) => key is { Length: > 0 and <= MaxKeyLength };

    private static string Entry(string ingestKey, string idempotencyKey) => string.Concat(ingestKey, "\n", idempotencyKey);
}
