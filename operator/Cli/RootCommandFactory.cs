namespace RumOperator.Cli;

public static class RootCommandFactory
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(0);
}
