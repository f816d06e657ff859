namespace RumOperator.LocalStack;

/// <summary>What `rum-operator dev` runs.</summary>
public sealed record LocalStackOptions
{
    /// <summary>Manifest files or folders, as for render (-f).</summary>
    public required IReadOnlyList<string> Manifests { get; init; }

    /// <summary>SLO time compression: 168 turns a 28d SLO into 4h, its 1h page window into 21 s.</summary>
    public TimeScale TimeScale { get; init; } = new(DefaultTimeScale);

    public const double DefaultTimeScale = 168;

    /// <summary>Headless Chromium walking the demo shop with the real SDK.</summary>
    public bool Browser { get; init; } = true;

    /// <summary>Beacons per second from the load generator; enough to pass the examples' minEvents in a scaled window.</summary>
    public double BeaconsPerSecond { get; init; } = DefaultBeaconsPerSecond;

    public const double DefaultBeaconsPerSecond = 100;

    /// <summary>Where files, logs and data go; a new temporary folder when null.</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>Keep the work directory on exit (it is removed otherwise).</summary>
    public bool KeepWorkDirectory { get; init; }

    /// <summary>What the guarded RumSLO rolls back: the demo Deployment, or a revert in a GitOps repository that a sync follows.</summary>
    public DemoRollbackTarget Rollback { get; init; } = DemoRollbackTarget.Deployment;

    /// <summary>Address of the SLO console; null turns it off.</summary>
    public string? ConsoleAddress { get; init; }
}

/// <summary>How the local stack's guarded SLO rolls back (--rollback).</summary>
public enum DemoRollbackTarget { Deployment, Git }
