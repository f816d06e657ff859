using System.Reflection;
using RumOperator.Api;
using RumOperator.Metrics;

namespace RumOperator.Tests.Validation;

/// <summary>
/// contracts/Api may not use contracts/Metrics (docs/architecture.md), so the CRD spells the common label names
/// itself; this test keeps that spelling tied to the metric contract's one owner, RumLabels.
/// </summary>
public sealed class MetricLabelContractTests
{
    [Fact]
    public void The_crds_allowed_labels_are_the_metric_contracts_common_labels()
    {
        var allowed = typeof(MetricsSpec).GetProperty(nameof(MetricsSpec.Labels))!.GetCustomAttribute<OneOfValuesAttribute>()!.Values;

        Assert.Equal(RumMetrics.CommonLabels.Order(), allowed.Order());
    }

    [Fact]
    public void The_default_labels_are_common_labels_without_os()
    {
        var defaults = new MetricsSpec().Labels;

        Assert.Equal(RumMetrics.CommonLabels.Where(l => l != RumLabels.Os), defaults);
    }
}
