using Microsoft.Extensions.Logging;
using RumOperator.Runtime.Client;

namespace RumOperator.Runtime.Informers;

/// <summary>
/// client-go's reflector + store for one kind in one namespace (or all): list, then watch from the list's
/// resourceVersion, advancing it with every event and bookmark so a dropped watch resumes where it stopped;
/// relist when the server answers 410 Gone; back off on errors; replay the cache every resync period.
/// </summary>
public sealed class Informer
{
    private readonly IWatchSource _source;
    private readonly InformerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<Action<InformerEvent>> _handlers = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _resourceVersion;
    private int _failures;

    public Informer(IWatchSource source, string apiVersion, string kind, string? ns, TimeProvider time, ILogger logger, InformerOptions? options = null)
    {
        _source = source;
        ApiVersion = apiVersion;
        Kind = kind;
        Namespace = ns;
        _time = time;
        _logger = logger;
        _options = options ?? new InformerOptions();
    }

    public string ApiVersion { get; }
    public string Kind { get; }
    public string? Namespace { get; }
    public ObjectStore Store { get; } = new();

    /// <summary>Completes after the first successful list: from then on the cache is a consistent snapshot.</summary>
    public Task Synced => _synced.Task;

    /// <summary>The version the next watch resumes from (null forces a relist).</summary>
    public string? ResourceVersion => _resourceVersion;

    /// <summary>Registers a handler; call before <see cref="RunAsync"/>. Handlers must be quick (enqueue keys).</summary>
    public void AddHandler(Action<InformerEvent> handler) => _handlers.Add(handler);

    public async Task RunAsync(CancellationToken ct)
    {
        var resync = _options.ResyncPeriod is { } period ? ResyncLoopAsync(period, ct) : Task.CompletedTask;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (_resourceVersion is null) await RelistAsync(ct).ConfigureAwait(false);
                await WatchAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                _failures++;
                var gone = e is KubernetesApiException { IsGone: true };
                if (gone) _resourceVersion = null;
                // The first 410 relists at once, as client-go does; repeated failures back off.
                var delay = gone && _failures == 1 ? TimeSpan.Zero : _options.Backoff.For(_failures);
                _logger.LogWarning(e, "{Kind} informer: list/watch failed ({Failures} in a row); retrying in {Delay}", Kind, _failures, delay);
                await DelayAsync(delay, ct).ConfigureAwait(false);
            }
        }
        await resync.ConfigureAwait(false);
    }

    private async Task RelistAsync(CancellationToken ct)
    {
        var list = await _source.ListAsync(ApiVersion, Kind, Namespace, null, ct).ConfigureAwait(false);
        var fresh = list.Items.ToDictionary(ObjectKey.Of);
        foreach (var key in Store.Keys.Where(k => !fresh.ContainsKey(k)))
            if (Store.Remove(key, out var gone)) Notify(new InformerEvent(WatchEventType.Deleted, gone!));
        foreach (var (key, obj) in fresh)
        {
            var old = Store.Peek(key);
            Store.Upsert(obj);
            if (old is null) Notify(new InformerEvent(WatchEventType.Added, obj));
            else if (ObjectMeta.ResourceVersion(old) != ObjectMeta.ResourceVersion(obj)) Notify(new InformerEvent(WatchEventType.Modified, obj));
        }
        _resourceVersion = list.ResourceVersion;
        _synced.TrySetResult();
        _logger.LogDebug("{Kind} informer: listed {Count} objects at resourceVersion {ResourceVersion}", Kind, fresh.Count, _resourceVersion);
    }

    private async Task WatchAsync(CancellationToken ct)
    {
        var started = _time.GetTimestamp();
        var events = 0;
        await foreach (var ev in _source.WatchAsync(ApiVersion, Kind, Namespace, _resourceVersion!, ct).ConfigureAwait(false))
        {
            events++;
            _failures = 0;
            Apply(ev);
            if (ObjectMeta.ResourceVersion(ev.Object) is { Length: > 0 } rv) _resourceVersion = rv;
        }
        // A server that closes every watch at once would otherwise be hammered in a tight loop.
        if (events == 0 && _time.GetElapsedTime(started) < _options.HealthyWatchDuration)
        {
            _failures++;
            await DelayAsync(_options.Backoff.For(_failures), ct).ConfigureAwait(false);
        }
    }

    private void Apply(WatchEvent ev)
    {
        switch (ev.Type)
        {
            case WatchEventType.Added or WatchEventType.Modified:
                var existed = Store.Peek(ObjectKey.Of(ev.Object)) is not null;
                Store.Upsert(ev.Object);
                Notify(new InformerEvent(existed ? WatchEventType.Modified : WatchEventType.Added, ev.Object));
                break;
            case WatchEventType.Deleted:
                Store.Remove(ObjectKey.Of(ev.Object), out _);
                Notify(new InformerEvent(WatchEventType.Deleted, ev.Object));
                break;
        }
    }

    private async Task ResyncLoopAsync(TimeSpan period, CancellationToken ct)
    {
        while (await DelayAsync(period, ct).ConfigureAwait(false))
            foreach (var obj in Store.Snapshot()) Notify(new InformerEvent(WatchEventType.Modified, obj, IsResync: true));
    }

    private void Notify(InformerEvent ev)
    {
        foreach (var handler in _handlers)
        {
            try { handler(ev); }
            catch (Exception e) { _logger.LogError(e, "{Kind} informer: event handler failed for {Key}", Kind, ObjectKey.Of(ev.Object)); }
        }
    }

    /// <summary>False when cancelled instead of throwing, so loops end cleanly on shutdown.</summary>
    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            if (delay > TimeSpan.Zero) await Task.Delay(delay, _time, ct).ConfigureAwait(false);
            return !ct.IsCancellationRequested;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
