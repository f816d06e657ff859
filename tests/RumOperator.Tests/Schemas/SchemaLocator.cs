namespace RumOperator.Tests.Schemas;

/// <summary>
/// Finds the upstream schemas: <c>shared/schemas</c> beside the repository root, the root being
/// the directory that holds RumOperator.sln (found by walking up from the test binaries).
/// </summary>
public static class SchemaLocator
{
    private const string SolutionFile = "RumOperator.sln";

    private static readonly Lazy<string> Root = new(Locate);

    public static string SchemasDirectory => Root.Value;

    public static string KubernetesDirectory => Path.Combine(SchemasDirectory, "kubernetes-v1.32.2");

    public static string CrdDirectory => Path.Combine(SchemasDirectory, "crds");

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile))) return dir.FullName;
        throw new DirectoryNotFoundException($"no {SolutionFile} in {AppContext.BaseDirectory} or any parent directory");
    }

    private static string Locate()
    {
        var schemas = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "schemas"));
        return Directory.Exists(schemas)
            ? schemas
            : throw new DirectoryNotFoundException($"schemas not found at {schemas} (expected ../shared/schemas beside the repository root)");
    }
}
