using RumOperator.Api;
using RumOperator.Controllers;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.Hosting;
using RumOperator.Runtime.Informers;
using RumOperator.Serialization;

namespace RumOperator.SloConsole.Data;

/// <summary>The console's view of the cluster: the RumSLOs and RumPipelines the operator already caches.</summary>
public interface IConsoleObjects
{
    IReadOnlyList<RumSlo> Slos();
    IReadOnlyList<RumPipeline> Pipelines();
}

/// <summary>
/// Reads the manager's shared informer caches (the ones the reconcilers use), so a page view costs no API call.
/// Registered as a controller extension: the caches are taken once the core wiring has declared them.
/// </summary>
public sealed class InformerConsoleObjects : IConsoleObjects, IControllerExtension
{
    private volatile IObjectCache? _slos;
    private volatile IObjectCache? _pipelines;

    public void Register(ControllerManager manager, IClusterClient client, ServedCrds crds)
    {
        _slos = manager.Informers(KindRef.RumSlo.ApiVersion, KindRef.RumSlo.Kind);
        _pipelines = manager.Informers(KindRef.RumPipeline.ApiVersion, KindRef.RumPipeline.Kind);
    }

    public IReadOnlyList<RumSlo> Slos() => Read<RumSlo>(_slos);

    public IReadOnlyList<RumPipeline> Pipelines() => Read<RumPipeline>(_pipelines);

    /// <summary>An object the API server accepted but our types cannot read is left out, not a failed page.</summary>
    private static IReadOnlyList<T> Read<T>(IObjectCache? cache) where T : class =>
        cache is null ? [] : [.. cache.List().Select(o => ResourceJson.Read<T>(o, Strictness.Lenient).Resource).OfType<T>()];
}
