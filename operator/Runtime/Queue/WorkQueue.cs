namespace RumOperator.Runtime.Queue;

/// <summary>
/// client-go's rate-limited work queue: an item waits at most once (adds while queued are absorbed), is handed to
/// one worker at a time (adds while processing re-queue it after <see cref="Done"/>), and failed items come back
/// after a per-item exponential backoff until <see cref="Forget"/>.
/// </summary>
public sealed class WorkQueue<T> : IDisposable where T : notnull
{
    private readonly object _lock = new();
    private readonly Queue<T> _queue = new();
    private readonly HashSet<T> _dirty = [];
    private readonly HashSet<T> _processing = [];
    private readonly Dictionary<T, int> _failures = [];
    private readonly Dictionary<T, DelayedAdd> _delayed = [];
    private readonly SemaphoreSlim _available = new(0);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly TimeProvider _time;
    private readonly ExponentialBackoff _backoff;
    private readonly Action<int>? _onDepthChanged;

    public WorkQueue(TimeProvider time, ExponentialBackoff? backoff = null, Action<int>? onDepthChanged = null)
    {
        _time = time;
        _backoff = backoff ?? ExponentialBackoff.Default;
        _onDepthChanged = onDepthChanged;
    }

    /// <summary>Items ready to be handed out (not counting delayed or in-flight ones).</summary>
    public int Count { get { lock (_lock) return _queue.Count; } }

    public bool IsShutDown => _shutdown.IsCancellationRequested;

    public void Add(T item)
    {
        lock (_lock)
        {
            if (IsShutDown || !_dirty.Add(item) || _processing.Contains(item)) return;
            Enqueue(item);
        }
    }

    /// <summary>Adds after a delay; of several pending delays for one item the earliest wins.</summary>
    public void AddAfter(T item, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(item);
            return;
        }
        lock (_lock)
        {
            if (IsShutDown) return;
            var readyAt = _time.GetUtcNow() + delay;
            if (_delayed.TryGetValue(item, out var pending))
            {
                if (pending.ReadyAt <= readyAt) return;
                pending.Timer.Dispose();
            }
            var delayed = new DelayedAdd(readyAt);
            delayed.Timer = _time.CreateTimer(_ => FireDelayed(item, delayed), null, delay, Timeout.InfiniteTimeSpan);
            _delayed[item] = delayed;
        }
    }

    /// <summary>Counts a failure and re-adds after the backoff (or <paramref name="atLeast"/>, e.g. Retry-After, if longer).</summary>
    public TimeSpan AddRateLimited(T item, TimeSpan? atLeast = null)
    {
        int failures;
        lock (_lock) failures = _failures[item] = _failures.GetValueOrDefault(item) + 1;
        var delay = _backoff.For(failures);
        if (atLeast > delay) delay = atLeast.Value;
        AddAfter(item, delay);
        return delay;
    }

    /// <summary>Clears the failure history so the next failure starts from the base delay again.</summary>
    public void Forget(T item)
    {
        lock (_lock) _failures.Remove(item);
    }

    public int Failures(T item)
    {
        lock (_lock) return _failures.GetValueOrDefault(item);
    }

    /// <summary>Waits for the next item and marks it in flight; Ok is false once the queue is shut down.</summary>
    public async Task<(bool Ok, T Item)> GetAsync(CancellationToken ct = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _shutdown.Token);
        try
        {
            await _available.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (IsShutDown && !ct.IsCancellationRequested)
        {
            return (false, default!);
        }
        lock (_lock)
        {
            if (IsShutDown || _queue.Count == 0) return (false, default!);
            var item = _queue.Dequeue();
            _dirty.Remove(item);
            _processing.Add(item);
            _onDepthChanged?.Invoke(_queue.Count);
            return (true, item);
        }
    }

    /// <summary>Ends processing of an item; if it was added meanwhile it goes back in line now.</summary>
    public void Done(T item)
    {
        lock (_lock)
        {
            _processing.Remove(item);
            if (_dirty.Contains(item) && !IsShutDown) Enqueue(item);
        }
    }

    public void ShutDown()
    {
        lock (_lock)
        {
            if (IsShutDown) return;
            _shutdown.Cancel();
            foreach (var delayed in _delayed.Values) delayed.Timer.Dispose();
            _delayed.Clear();
        }
    }

    public void Dispose()
    {
        ShutDown();
        _shutdown.Dispose();
        _available.Dispose();
    }

    private void Enqueue(T item)
    {
        _queue.Enqueue(item);
        _available.Release();
        _onDepthChanged?.Invoke(_queue.Count);
    }

    private void FireDelayed(T item, DelayedAdd delayed)
    {
        lock (_lock)
        {
            // A later, earlier-firing AddAfter may have replaced this timer.
            if (!_delayed.TryGetValue(item, out var current) || current != delayed) return;
            _delayed.Remove(item);
            delayed.Timer.Dispose();
        }
        Add(item);
    }

    private sealed class DelayedAdd(DateTimeOffset readyAt)
    {
        public DateTimeOffset ReadyAt { get; } = readyAt;
        public ITimer Timer { get; set; } = null!;
    }
}
