using RumOperator.Controllers;
using RumOperator.PrometheusApi;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.Hosting;

namespace RumOperator.Hosting;

/// <summary>The parts `run` assembles: the cluster client, the manager, the reconcilers' options and the optional Prometheus reader.</summary>
public sealed record OperatorComponents(IClusterClient Client, ControllerManager Manager, ReconcilerOptions Reconcilers, IPrometheusQuery? Prometheus);
