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
}
