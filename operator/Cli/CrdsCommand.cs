using System.CommandLine;
using RumOperator.Crds;
using RumOperator.Serialization;

namespace RumOperator.Cli;

/// <summary>Prints the CRDs generated from the C# types, or writes one file per CRD.</summary>
internal static class CrdsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var dir = new Option<string?>("--output-dir", "-o") { Description = "Write one file per CRD into this directory instead of printing" };
        var command = new Command("crds", "Print the CustomResourceDefinitions") { dir };
        command.SetAction(parse =>
        {
            if (parse.GetValue(dir) is { } outDir)
            {
                Directory.CreateDirectory(outDir);
                foreach (var def in CrdGenerator.All)
                    File.WriteAllText(Path.Combine(outDir, def.FileName), Yaml.Emit(CrdGenerator.Generate(def)));
                stderr.WriteLine($"wrote {CrdGenerator.All.Count} CRDs to {outDir}");
                return 0;
            }
            stdout.Write(Yaml.Emit(CrdGenerator.GenerateAll()));
            return 0;
        });
        return command;
    }
}
