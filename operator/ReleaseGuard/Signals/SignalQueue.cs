namespace RumOperator.ReleaseGuard;

/// <summary>
/// The one entrance to the decision path: receiver and poller write, the worker's lanes take. Signals about one SLO
/// and release are merged (the newest stands for all, so repeated alerts cost one decision), and one SLO is decided
/// by one lane at a time while other SLOs proceed in other lanes: a dead target stalls only its own SLO.
/// </summary>
public sealed class SignalQueue(ReleaseGuardOptions options)
{
    private readonly Lock _lock = new();
    private readonly LinkedList<(string Namespace, string Slo, string Release)> _order = [];
    private readonly Dictionary<(string Namespace, string Slo, string Release), BurnSignal> _pending = [];
    private readonly HashSet<(string Namespace, string Slo)> _busy = [];
    private TaskCompletionSource _changed = NewSignal();

    /// <summary>
    /// False when the queue is full: the caller counts the drop (the alert repeats, the poller polls again).
    /// A signal for a release already waiting replaces it and always succeeds.
    /// </summary>
    public bool TryEnqueue(BurnSignal signal)
    {
        lock (_lock)
        {
            if (_pending.ContainsKey(signal.Key))
            {
                _pending[signal.Key] = signal;
                return true;
            }
            if (_pending.Count >= options.QueueCapacity) return false;
            _pending[signal.Key] = signal;
            _order.AddLast(signal.Key);
            Notify();
            return true;
        }
    }

    /// <summary>
    /// The oldest waiting signal whose SLO no other lane is deciding; that SLO stays taken until <see cref="Release"/>.
    /// </summary>
    public async Task<BurnSignal> TakeAsync(CancellationToken ct)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                for (var node = _order.First; node is not null; node = node.Next)
                {
                    var (ns, slo, _) = node.Value;
                    if (_busy.Contains((ns, slo))) continue;
                    var signal = _pending[node.Value];
                    _pending.Remove(node.Value);
                    _order.Remove(node);
                    _busy.Add((ns, slo));
                    return signal;
                }
                changed = _changed.Task;
            }
            await changed.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>The lane is done with this signal's SLO: its next signal may be taken.</summary>
    public void Release(BurnSignal signal)
    {
        lock (_lock)
        {
            _busy.Remove((signal.Namespace, signal.Slo));
            Notify();
        }
    }

    /// <summary>Signals waiting (merged), for tests and diagnostics.</summary>
    public int Count { get { lock (_lock) return _pending.Count; } }

    private void Notify()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
