using Microsoft.Extensions.Logging;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.Controllers;
using RumOperator.Runtime.Informers;
using RumOperator.Runtime.Metrics;

namespace RumOperator.Runtime.Hosting;

/// <summary>
/// controller-runtime's Manager: shares one set of informers per kind among controllers, starts the caches, waits
/// for them to sync, then (as leader, if election is on) runs the controllers until shutdown.
/// </summary>
public sealed class ControllerManager
{
    private readonly IWatchSource _source;
    private readonly ManagerOptions _options;
    private readonly RuntimeMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Dictionary<(string ApiVersion, string Kind), KindInformers> _informers = [];
    private readonly List<Controller> _controllers = [];
    private volatile bool _synced;
    private volatile bool _leading;
    private bool _started;

    public ControllerManager(IWatchSource source, ManagerOptions? options = null)
    {
        _source = source;
        _options = options ?? new ManagerOptions();
        _metrics = _options.Metrics ?? new RuntimeMetrics();
        _logger = _options.LoggerFactory.CreateLogger<ControllerManager>();
    }

    /// <summary>True once every informer has listed; wire to /readyz.</summary>
    public bool IsSynced => _synced;

    /// <summary>True while the controllers run: holding the Lease under leader election, or synced without it.</summary>
    public bool IsLeading => _leading;

    /// <summary>The shared informers (and cache) for a kind, created on first use; call before <see cref="RunAsync"/>.</summary>
    public KindInformers Informers(string apiVersion, string kind)
    {
        if (_informers.TryGetValue((apiVersion, kind), out var existing)) return existing;
        if (_started) throw new InvalidOperationException($"{kind}: informers must be declared before the manager starts");
        var type = _options.Resources.Resolve(apiVersion, kind);
        IReadOnlyList<string?> namespaces = type.Namespaced && _options.WatchNamespaces.Count > 0 ? [.. _options.WatchNamespaces] : [null];
        var logger = _options.LoggerFactory.CreateLogger<Informer>();
        var created = new KindInformers([.. namespaces.Select(ns => new Informer(_source, apiVersion, kind, ns, _options.Time, logger, _options.Informer))]);
        _informers[(apiVersion, kind)] = created;
        return created;
    }

    /// <summary>Adds a controller for a primary kind; its own changes enqueue their keys. Chain Owns/Watches for more.</summary>
    public ControllerBuilder AddController(string apiVersion, string kind, IReconciler reconciler)
    {
        var controller = new Controller(kind, reconciler, _metrics, _options.Time, _options.LoggerFactory.CreateLogger<Controller>(),
            _options.MaxConcurrentReconciles, _options.ReconcileBackoff);
        Informers(apiVersion, kind).AddHandler(EnqueueHandlers.Self(controller.Queue));
        _controllers.Add(controller);
        return new ControllerBuilder(this, controller, apiVersion, kind);
    }

    public async Task RunAsync(CancellationToken ct)
    {
        _started = true;
        using var stopInformers = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var informerTasks = _informers.Values.SelectMany(k => k.Informers).Select(i => i.RunAsync(stopInformers.Token)).ToList();
        try
        {
            await Task.WhenAll(_informers.Values.Select(k => k.Synced)).WaitAsync(ct).ConfigureAwait(false);
            _synced = true;
            _logger.LogInformation("Caches synced for {Kinds}", string.Join(", ", _informers.Keys.Select(k => k.Kind)));
            if (_options.LeaderElection is { } election)
                await LeaderElection.RunAsLeaderAsync(election, RunControllersAsync, _logger, ct).ConfigureAwait(false);
            else
                await RunControllersAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        finally
        {
            stopInformers.Cancel();
            await Task.WhenAll(informerTasks).ConfigureAwait(false);
            _logger.LogInformation("Manager stopped");
        }
    }

    /// <summary>Runs until cancelled even with no controllers, so informer-only managers keep their caches warm.</summary>
    private async Task RunControllersAsync(CancellationToken ct)
    {
        _leading = true;
        try
        {
            await Task.WhenAll(_controllers.Select(c => c.RunAsync(ct, _options.GracefulShutdown))).ConfigureAwait(false);
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        finally { _leading = false; }
    }
}
