using System.Reflection;

namespace RumOperator.E2E.Tests.Browser;

/// <summary>
/// The checkout the tests run from. The SDK bundle and the collector build live there, not in the
/// test output, so the tests always exercise what scripts/sdk-build.sh and the solution build made.
/// </summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find(AppContext.BaseDirectory);

    public static string SdkBundle => System.IO.Path.Combine(Path, "sdk", "dist", "rum.min.js");

    /// <summary>The Faro-instrumented test page's script: @grafana/faro-web-sdk from npm, bundled by scripts/faro-page-build.sh.</summary>
    public static string FaroPageBundle =>
        System.IO.Path.Combine(Path, "tests", "RumOperator.E2E.Tests", "Browser", "Faro", "page", "dist", "faro-page.js");

    /// <summary>rum-collector.dll of the same configuration and target framework as this test assembly.</summary>
    public static string CollectorDll
    {
        get
        {
            var configuration = typeof(RepoRoot).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var framework = new DirectoryInfo(AppContext.BaseDirectory).Name;
            return System.IO.Path.Combine(Path, "collector", "bin", configuration, framework, "rum-collector.dll");
        }
    }

    public static string Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "RumOperator.sln"))) return dir.FullName;
        throw new InvalidOperationException($"RumOperator.sln not found in {start} or any folder above it");
    }
}
