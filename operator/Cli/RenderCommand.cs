using System.CommandLine;
using RumOperator.Rendering.Dashboards;
using RumOperator.Rendering.Pipeline;
using RumOperator.Serialization;

namespace RumOperator.Cli;

/// <summary>Prints every object the operator would apply, as multi-document YAML in a stable order.</summary>
internal static class RenderCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = RootCommandFactory.FileOption();
        var image = new Option<string>("--collector-image") { Description = "Collector image for pipelines that name none", DefaultValueFactory = _ => PipelineRenderOptions.DefaultCollectorImage };
        var command = new Command("render", "Print the Kubernetes objects the operator would apply for these manifests (for GitOps: render | kubectl apply -f -)") { file, image };
        var dashboards = new DashboardFlags();
        dashboards.AddTo(command);
        command.SetAction(parse =>
        {
            DashboardOptions options;
            try
            {
                options = dashboards.Read(parse);
            }
            catch (ArgumentException e)
            {
                stderr.WriteLine($"error: {e.Message}");
                return 1;
            }
            var output = ManifestInput.Render(parse.GetValue(file)!, parse.GetValue(image)!, options);
            ManifestInput.Report(output, stderr);
            if (output.Errors.Count > 0) return 1;
            stdout.Write(Yaml.Emit(output.Objects.Select(o => o.Body)));
            return 0;
        });
        return command;
    }
}
