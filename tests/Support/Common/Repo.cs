namespace RumTests.Support;

/// <summary>
/// Paths in the checkout the tests run from. Test projects that reference the operator define
/// RUM_SOURCE_TREE and take the root from the product's own locator (RumOperator.LocalStack.SourceTree, which
/// `rum-operator dev` uses); the collector's tests, which must not reference the operator, search for it here.
/// </summary>
internal static class Repo
{
#if RUM_SOURCE_TREE
    public static string Root => RumOperator.LocalStack.SourceTree.Root;
#else
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RumOperator.sln"))) return dir.FullName;
        throw new InvalidOperationException("RumOperator.sln not found above " + AppContext.BaseDirectory);
    }
#endif

    public static string Examples => Path.Combine(Root, "examples");
    public static string Crds => Path.Combine(Root, "crds");
    public static string Docs => Path.Combine(Root, "docs");
}
