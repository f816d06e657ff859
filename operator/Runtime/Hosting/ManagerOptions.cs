using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.Informers;
using RumOperator.Runtime.Metrics;
using RumOperator.Runtime.Queue;

namespace RumOperator.Runtime.Hosting;

public sealed record ManagerOptions
{
    /// <summary>Namespaces to watch; empty means cluster-wide. See <see cref="Hosting.WatchNamespaces.Parse"/>.</summary>
    public IReadOnlyList<string> WatchNamespaces { get; init; } = [];

    public ResourceMap Resources { get; init; } = ResourceMap.Default;
    public TimeProvider Time { get; init; } = TimeProvider.System;
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
    public RuntimeMetrics? Metrics { get; init; }
    public InformerOptions Informer { get; init; } = new();
    public int MaxConcurrentReconciles { get; init; } = 2;
    public ExponentialBackoff? ReconcileBackoff { get; init; }

    /// <summary>Null runs controllers without leader election (single replica, tests).</summary>
    public LeaderElectionOptions? LeaderElection { get; init; }

    /// <summary>How long in-flight reconciliations may finish after shutdown is requested.</summary>
    public TimeSpan GracefulShutdown { get; init; } = TimeSpan.FromSeconds(30);
}
