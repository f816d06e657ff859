using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RumOperator.Runtime.Metrics;

namespace RumOperator.Runtime.Client;

public sealed record ClusterClientOptions
{
    public const string FieldManager = "rum-operator";

    public ResourceMap Resources { get; init; } = ResourceMap.Default;
    public RuntimeMetrics? Metrics { get; init; }
    public TimeProvider Time { get; init; } = TimeProvider.System;
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Server-side watch timeout; the informer re-watches from the last resourceVersion when it expires.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a discovery answer (is this CRD installed?) is trusted before asking again.</summary>
    public TimeSpan DiscoveryTtl { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>reportingInstance on Events: normally the pod name.</summary>
    public string ReportingInstance { get; init; } = Environment.MachineName;

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}
