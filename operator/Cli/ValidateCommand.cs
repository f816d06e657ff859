using System.CommandLine;
using RumOperator.Rendering.Pipeline;

namespace RumOperator.Cli;

/// <summary>Checks manifests with the validators the webhook and reconcilers use; exit 1 on any error.</summary>
internal static class ValidateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = RootCommandFactory.FileOption();
        var command = new Command("validate", "Check RumPipeline, RumSLO and SamplingPolicy manifests; prints file: Kind/name: field: reason per error") { file };
        command.SetAction(parse =>
        {
            var output = ManifestInput.Render(parse.GetValue(file)!, PipelineRenderOptions.DefaultCollectorImage);
            ManifestInput.Report(output, stderr);
            if (output.Errors.Count > 0) return 1;
            stdout.WriteLine("valid");
            return 0;
        });
        return command;
    }
}
