using RumOperator.Runtime.Client;
using RumOperator.Runtime.Hosting;

namespace RumOperator.Controllers;

/// <summary>
/// A feature that adds controllers or informers to the manager before it starts (the release guard, say). Register
/// one with <c>services.AddSingleton&lt;IControllerExtension, MyControllers&gt;()</c>; it runs after the core wiring,
/// so <c>manager.Informers(...)</c> returns the caches the core controllers already share.
/// </summary>
public interface IControllerExtension
{
    void Register(ControllerManager manager, IClusterClient client, ServedCrds crds);
}
