namespace RumOperator.Rendering.Dashboards;

/// <summary>Grafana legend text that names series by their labels: <c>{{release}}</c>, <c>{{name}} {{release}}</c>.</summary>
public static class Legend
{
    public static string Of(params string[] labels) => string.Join(" ", labels.Select(l => "{{" + l + "}}"));
}
