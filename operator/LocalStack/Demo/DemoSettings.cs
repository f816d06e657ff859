namespace RumOperator.LocalStack.Demo;

/// <summary>What the demo objects depend on: where the shop is served, where files go, how time is compressed.</summary>
public sealed record DemoSettings(string ShopOrigin, string WorkDirectory, TimeScale TimeScale)
{
    /// <summary>The demo workload's history: the release before the current one, and the current (stable) one.</summary>
    public DemoReleases Releases { get; init; } = new("0.9", "1.0", "2.0");

    /// <summary>Raw events of a pipeline's collector, as JSON Lines.</summary>
    public string ExportFile(string pipeline) => Path.Combine(WorkDirectory, $"{pipeline}-events.jsonl");
}

/// <summary>Releases of the demo workload: two already rolled out, and the one the regression scenario rolls out.</summary>
public sealed record DemoReleases(string Previous, string Stable, string Failing);
