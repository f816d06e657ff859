using RumOperator.Runtime.Client;
using RumOperator.Runtime.Controllers;
using RumOperator.Runtime.Informers;

namespace RumOperator.Runtime.Hosting;

/// <summary>Declares what feeds one controller's queue, like controller-runtime's builder: For / Owns / Watches.</summary>
public sealed class ControllerBuilder
{
    private readonly ControllerManager _manager;

    internal ControllerBuilder(ControllerManager manager, Controller controller, string apiVersion, string kind)
    {
        _manager = manager;
        Controller = controller;
        ApiVersion = apiVersion;
        Kind = kind;
    }

    public Controller Controller { get; }
    public string ApiVersion { get; }
    public string Kind { get; }

    /// <summary>Changes to objects this kind controls (ownerReference controller=true) re-reconcile the owner.</summary>
    public ControllerBuilder Owns(string apiVersion, string kind)
    {
        _manager.Informers(apiVersion, kind).AddHandler(EnqueueHandlers.Owner(Controller.Queue, ApiVersion, Kind));
        return this;
    }

    /// <summary>Changes to another kind enqueue the keys <paramref name="map"/> returns.</summary>
    public ControllerBuilder Watches(string apiVersion, string kind, Func<InformerEvent, IEnumerable<ObjectKey>> map)
    {
        _manager.Informers(apiVersion, kind).AddHandler(EnqueueHandlers.Mapped(Controller.Queue, map));
        return this;
    }
}
