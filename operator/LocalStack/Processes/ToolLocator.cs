namespace RumOperator.LocalStack.Processes;

/// <summary>Finds the programs the local stack runs, and says how to install the ones that are missing.</summary>
public static class ToolLocator
{
    public const string InstallCommand = "bash scripts/install-tools.sh";

    /// <summary>The Debian package behind each tool, for the message that names the install command.</summary>
    private static readonly Dictionary<string, string> Packages = new()
    {
        ["prometheus"] = "prometheus",
        ["prometheus-alertmanager"] = "prometheus-alertmanager",
        ["chromium"] = "chromium",
        ["git"] = "git",
        ["dotnet"] = "dotnet-sdk-10.0",
        ["promtool"] = "prometheus",
    };

    /// <summary>The tool's path on PATH, /usr/bin or the checkout's .tools/bin (where the install script puts helm), or null.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Concat(CheckoutTools())
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static IEnumerable<string> CheckoutTools()
    {
        if ((SourceTree.Find(AppContext.BaseDirectory) ?? SourceTree.Find(Environment.CurrentDirectory)) is { } root)
            yield return Path.Combine(root, ".tools", "bin");
    }

    public static string Require(string name) =>
        Find(name) ?? throw new MissingToolException(name,
            $"{name} is not installed: run `{InstallCommand}` (it installs Debian's {Packages.GetValueOrDefault(name, name)} package)");
}

public sealed class MissingToolException(string tool, string message) : Exception(message)
{
    public string Tool { get; } = tool;
}
