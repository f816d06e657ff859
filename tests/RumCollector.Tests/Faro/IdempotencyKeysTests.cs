using Microsoft.Extensions.Time.Testing;
using RumCollector.Ingest;

namespace RumCollector.Tests.Faro;

public sealed class IdempotencyKeysTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-01T17:00:00Z"));

    [Fact]
    public void A_remembered_key_is_seen_for_the_window_then_forgotten()
    {
        var keys = new IdempotencyKeys(_time);
        keys.Remember("pk-a", "retry-1");

        Assert.True(keys.Seen("pk-a", "retry-1"));
        _time.Advance(IdempotencyKeys.Window - TimeSpan.FromSeconds(1));
        Assert.True(keys.Seen("pk-a", "retry-1"));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(keys.Seen("pk-a", "retry-1"));
    }

    [Fact]
    public void Keys_are_per_ingest_key_and_absent_empty_or_long_ones_are_never_remembered()
    {
        var keys = new IdempotencyKeys(_time);
        var tooLong = new string('k', IdempotencyKeys.MaxKeyLength + 1);
        keys.Remember("pk-a", "retry-1");
        keys.Remember("pk-a", null);
        keys.Remember("pk-a", "");
        keys.Remember("pk-a", tooLong);

        Assert.False(keys.Seen("pk-b", "retry-1"));
        Assert.False(keys.Seen("pk-a", null));
        Assert.False(keys.Seen("pk-a", ""));
        Assert.False(keys.Seen("pk-a", tooLong));
    }

    [Fact]
    public void Past_the_capacity_the_oldest_keys_go_first()
    {
        var keys = new IdempotencyKeys(_time, capacity: 3);
        foreach (var id in new[] { "a", "b", "c", "d" }) keys.Remember("pk", id);

        Assert.Equal([false, true, true, true], new[] { "a", "b", "c", "d" }.Select(id => keys.Seen("pk", id)));
    }

    [Fact]
    public void A_claim_is_atomic_so_a_retry_in_flight_with_the_first_is_a_duplicate_until_released()
    {
        var keys = new IdempotencyKeys(_time);

        Assert.True(keys.TryClaim("pk-a", "retry-1"));
        Assert.False(keys.TryClaim("pk-a", "retry-1"));
        keys.Release("pk-a", "retry-1");
        Assert.True(keys.TryClaim("pk-a", "retry-1"));
        Assert.True(keys.TryClaim("pk-a", null));
        Assert.True(keys.TryClaim("pk-a", null));
    }

    [Fact]
    public void A_key_claimed_again_after_a_release_keeps_its_whole_window()
    {
        var keys = new IdempotencyKeys(_time);
        keys.TryClaim("pk", "k");
        keys.Release("pk", "k");
        _time.Advance(TimeSpan.FromMinutes(1));
        keys.TryClaim("pk", "k");

        _time.Advance(IdempotencyKeys.Window - TimeSpan.FromSeconds(30)); // past the first claim's expiry
        Assert.True(keys.Seen("pk", "k"));
    }

    [Fact]
    public void Concurrent_claims_of_one_key_admit_exactly_one()
    {
        var keys = new IdempotencyKeys(_time);
        var admitted = 0;
        Parallel.For(0, 64, _ => { if (keys.TryClaim("pk", "same")) Interlocked.Increment(ref admitted); });
        Assert.Equal(1, admitted);
    }
}
