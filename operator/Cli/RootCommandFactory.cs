using System.CommandLine;

namespace RumOperator.Cli;

/// <summary>rum-operator: run, render, validate, crds, dev.</summary>
public static class RootCommandFactory
{
    public static RootCommand Create(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("RumOperator: declarative Real User Monitoring on Kubernetes.");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(RenderCommand.Create(stdout, stderr));
        root.Subcommands.Add(ValidateCommand.Create(stdout, stderr));
        root.Subcommands.Add(CrdsCommand.Create(stdout, stderr));
        root.Subcommands.Add(DevCommand.Create(stdout, stderr));
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var root = Create(Console.Out, Console.Error);
        try
        {
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A user sees what went wrong, not a stack trace; logs of `run` carry the detail.
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
    }

    public static Option<string[]> FileOption() => new("--file", "-f")
    {
        Description = "A manifest file or a directory of them (repeatable)",
        Required = true,
        AllowMultipleArgumentsPerToken = true,
    };
}
