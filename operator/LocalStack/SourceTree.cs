using System.Reflection;

namespace RumOperator.LocalStack;

/// <summary>
/// The checkout the local stack runs from: the collector's build output and the SDK bundle live there, so
/// `rum-operator dev` runs what `scripts/dev.sh` (or the test script) just built.
/// </summary>
public static class SourceTree
{
    public const string SolutionFile = "RumOperator.sln";

    /// <summary>The folder holding RumOperator.sln, searched upward from this assembly, then from the working directory.</summary>
    public static string Root => Find(AppContext.BaseDirectory) ?? Find(Environment.CurrentDirectory)
        ?? throw new InvalidOperationException($"{SolutionFile} not found above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}: run rum-operator dev from a checkout");

    public static string SdkBundle => Path.Combine(Root, "sdk", "dist", "rum.min.js");

    /// <summary>rum-collector.dll of the same configuration and target framework as this assembly.</summary>
    public static string CollectorDll(Assembly? like = null) => BuildOutput("collector", "rum-collector.dll", like);

    /// <summary>rum-operator.dll as the solution build leaves it, for running `rum-operator` as its own process.</summary>
    public static string OperatorDll(Assembly? like = null) => BuildOutput("operator", "rum-operator.dll", like);

    private static string BuildOutput(string project, string file, Assembly? like)
    {
        var configuration = (like ?? typeof(SourceTree).Assembly).GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var framework = new DirectoryInfo(AppContext.BaseDirectory).Name;
        return Path.Combine(Root, project, "bin", configuration, framework, file);
    }

    public static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile))) return dir.FullName;
        return null;
    }
}
