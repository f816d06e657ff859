using Microsoft.Extensions.Time.Testing;
using RumOperator.Runtime.Queue;

namespace RumOperator.Runtime.Tests.Queue;

public class WorkQueueTests
{
    private readonly FakeTimeProvider _time = new();

    private WorkQueue<string> NewQueue() => new(_time, new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)));

    [Fact]
    public async Task Adding_a_waiting_key_again_is_absorbed()
    {
        using var queue = NewQueue();
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");
        Assert.Equal(2, queue.Count);
        Assert.Equal("a", (await queue.GetAsync()).Item);
        Assert.Equal("b", (await queue.GetAsync()).Item);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_key_added_while_processing_waits_until_done()
    {
        using var queue = NewQueue();
        queue.Add("a");
        var (_, first) = await queue.GetAsync();
        queue.Add("a");
        Assert.Equal(0, queue.Count); // not handed to a second worker while the first holds it

        var second = queue.GetAsync();
        Assert.False(second.IsCompleted);
        queue.Done(first);
        Assert.Equal("a", (await second.WaitAsync(TimeSpan.FromSeconds(5))).Item);
    }

    [Fact]
    public void Backoff_doubles_per_failure_up_to_the_cap_and_forget_resets_it()
    {
        using var queue = NewQueue();
        var delays = Enumerable.Range(0, 6).Select(_ => queue.AddRateLimited("a").TotalSeconds).ToList();
        Assert.Equal([1, 2, 4, 8, 10, 10], delays);
        Assert.Equal(6, queue.Failures("a"));

        queue.Forget("a");
        Assert.Equal(0, queue.Failures("a"));
        Assert.Equal(1, queue.AddRateLimited("a").TotalSeconds);
    }

    [Fact]
    public void A_server_requested_retry_after_wins_over_a_shorter_backoff() =>
        Assert.Equal(TimeSpan.FromSeconds(7), NewQueue().AddRateLimited("a", atLeast: TimeSpan.FromSeconds(7)));

    [Fact]
    public void Delayed_keys_appear_only_when_their_time_comes()
    {
        using var queue = NewQueue();
        queue.AddAfter("a", TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Equal(0, queue.Count);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void Of_two_delays_for_one_key_the_earlier_wins_and_fires_once()
    {
        using var queue = NewQueue();
        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        queue.AddAfter("a", TimeSpan.FromSeconds(2));
        queue.AddAfter("a", TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, queue.Count);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task Shutdown_releases_waiting_workers_and_ignores_new_keys()
    {
        using var queue = NewQueue();
        var waiting = queue.GetAsync();
        queue.ShutDown();
        Assert.False((await waiting.WaitAsync(TimeSpan.FromSeconds(5))).Ok);
        queue.Add("a");
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Depth_changes_are_reported()
    {
        var depths = new List<int>();
        using var queue = new WorkQueue<string>(_time, onDepthChanged: depths.Add);
        queue.Add("a");
        queue.Add("b");
        Assert.Equal([1, 2], depths);
    }
}
