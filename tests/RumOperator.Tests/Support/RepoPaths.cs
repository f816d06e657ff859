namespace RumOperator.Tests.Support;

/// <summary>Where the repository and ../shared are, found from the test binary's folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));
    public static string Examples => Path.Combine(Root, "examples");
    public static string Crds => Path.Combine(Root, "crds");
    public static string Docs => Path.Combine(Root, "docs");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RumOperator.sln"))) return dir.FullName;
        throw new InvalidOperationException("RumOperator.sln not found above " + AppContext.BaseDirectory);
    }
}
