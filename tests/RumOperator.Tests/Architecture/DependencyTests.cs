using System.Text.RegularExpressions;
using RumOperator.Tests.Support;

namespace RumOperator.Tests.Architecture;

/// <summary>
/// The dependency rule of docs/architecture.md ("Rooms"), read from the doc's own table: a source file of operator/ or
/// contracts/ reaches only the rooms its row names under "may use", and a row names only rows above it.
/// </summary>
public class DependencyTests
{
    [Fact]
    public void Every_source_file_uses_only_the_rooms_its_row_names()
    {
        var rooms = RoomTable.Parse(File.ReadAllText(Path.Combine(Repo.Docs, "architecture.md")));

        var violations = RoomTable.Violations(rooms, SourceFiles());

        Assert.True(violations.Count == 0, "docs/architecture.md, Rooms:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_table_has_a_row_for_every_source_folder()
    {
        var rooms = RoomTable.Parse(File.ReadAllText(Path.Combine(Repo.Docs, "architecture.md")));

        var homeless = SourceFiles().Where(f => RoomTable.RoomOf(rooms, f.Path) is null).Select(f => f.Path).ToList();

        Assert.True(homeless.Count == 0, "no row of docs/architecture.md (Rooms) holds:\n" + string.Join("\n", homeless));
    }

    [Fact]
    public void The_table_reads_as_the_doc_says_it()
    {
        var rooms = RoomTable.Parse(File.ReadAllText(Path.Combine(Repo.Docs, "architecture.md")));

        Assert.Equal(["Api", "Validation"], Room(rooms, "Serialization").MayUse);
        Assert.Equal(["Api", "Metrics", "CollectorConfig", "Validation", "Serialization"], Room(rooms, "Objects").MayUse);
        Assert.Equal(["Api", "Metrics", "CollectorConfig", "Validation", "Serialization", "Objects", "PrometheusApi"], Room(rooms, "Slo").MayUse);
        Assert.Empty(Room(rooms, "Runtime").MayUse);
        Assert.Equal(["operator/Cli", "operator/Program.cs"], Room(rooms, "Cli").Folders);
        Assert.Equal(rooms.Where(r => r.Name != "Cli").Select(r => r.Name).Order(), Room(rooms, "Cli").MayUse.Order());
        Assert.DoesNotContain(rooms, r => r.Folders.Any(f => f.StartsWith("collector/", StringComparison.Ordinal)));
    }

    // The checker itself, on a made-up table and sources.

    private const string Sample = """
        # Architecture

        ## Rooms

        | folder | holds | may use |
        |---|---|---|
        | `contracts/Api` | types | KubernetesClient models |
        | `operator/Objects` | the object model | `contracts` |
        | `operator/Slo` | engine | `contracts`, `Objects` (`DesiredObject`) |
        | `operator/Rendering` | builders | `contracts`, `Objects`, `Slo` |
        | `operator/Cli`, `operator/Program.cs` | commands | the above |
        | `collector/` | ingest | contracts |

        Text after the table.
        """;

    [Fact]
    public void Rows_name_rooms_above_them_parentheses_are_remarks_and_the_above_means_every_row_above()
    {
        var rooms = RoomTable.Parse(Sample);

        Assert.Equal(["Api", "Objects", "Slo", "Rendering", "Cli"], rooms.Select(r => r.Name));
        Assert.Equal(["Api", "Objects"], Room(rooms, "Slo").MayUse);
        Assert.Equal(["Api", "Objects", "Slo", "Rendering"], Room(rooms, "Cli").MayUse);
        Assert.Equal("operator/Slo", RoomTable.RoomOf(rooms, "operator/Slo/Engine.cs")!.Folders[0]);
        Assert.Null(RoomTable.RoomOf(rooms, "operator/Hosting/Host.cs"));
        Assert.Null(RoomTable.RoomOf(rooms, "operator/SloConsole/Page.cs"));
    }

    [Theory]
    [InlineData("| `operator/Objects` | model | `Slo` |\n| `operator/Slo` | engine | `Objects` |", "`operator/Objects` names Slo, which is not a row above it")]
    [InlineData("| `operator/Slo` | engine | `Nowhere` |", "`operator/Slo` names Nowhere, which is not a row above it")]
    public void A_row_that_names_a_row_below_it_or_no_row_is_refused(string rows, string message)
    {
        var e = Assert.Throws<InvalidOperationException>(() => RoomTable.Parse($"## Rooms\n\n| folder | holds | may use |\n|---|---|---|\n{rows}\n"));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Usings_qualified_and_partly_qualified_names_are_dependencies()
    {
        var rooms = RoomTable.Parse(Sample);
        (string, string)[] files =
        [
            ("contracts/Api/Pipeline.cs", "namespace RumOperator.Api;\npublic sealed class RumSlo { }"),
            ("operator/Objects/DesiredObject.cs", "using RumOperator.Api;\nnamespace RumOperator.Objects;\npublic sealed record DesiredObject(string Name);"),
            ("operator/Slo/AlertWindows.cs", "namespace RumOperator.Slo;\npublic sealed record AlertWindowPlan(int Windows);"),
            ("operator/Slo/Engine.cs", "using RumOperator.Objects;\nusing RumOperator.Rendering;\nnamespace RumOperator.Slo;\npublic static class SloEngine { }"),
            ("operator/Slo/Figures.cs", "namespace RumOperator.Slo;\n// RumOperator.Rendering.Builder in a comment is no dependency\npublic static class Figures { static object B = new RumOperator.Rendering.Builder(); }"),
            ("operator/Rendering/Builder.cs", "namespace RumOperator.Rendering;\npublic sealed class Builder { Slo.AlertWindowPlan? Plan; string Path = \"RumOperator.Cli.Main\"; }"),
            ("operator/Objects/Labels.cs", "namespace RumOperator.Objects;\npublic static class Labels { static Slo.AlertWindowPlan? P; static object Metrics = Slo.Nothing; }"),
            ("operator/Program.cs", "using RumOperator.Cli;\nusing static RumOperator.Rendering.Builder;\nreturn 0;"),
            ("operator/Cli/Main.cs", "namespace RumOperator.Cli;\npublic static class Main { }"),
        ];

        var violations = RoomTable.Violations(rooms, files);

        Assert.Equal(
        [
            "operator/Objects/Labels.cs (Objects) uses RumOperator.Slo (Slo)",
            "operator/Slo/Engine.cs (Slo) uses RumOperator.Rendering (Rendering)",
            "operator/Slo/Figures.cs (Slo) uses RumOperator.Rendering (Rendering)",
        ], violations);
    }

    private static RoomTable.Room Room(IReadOnlyList<RoomTable.Room> rooms, string name) => rooms.Single(r => r.Name == name);

    private static IReadOnlyList<(string Path, string Text)> SourceFiles() =>
    [
        .. new[] { "operator", "contracts" }
            .SelectMany(top => Directory.EnumerateFiles(Path.Combine(Repo.Root, top), "*.cs", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(Repo.Root, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .Select(f => (f, File.ReadAllText(Path.Combine(Repo.Root, f)))),
    ];
}

/// <summary>The "Rooms" table of docs/architecture.md and the check of sources against it.</summary>
public static partial class RoomTable
{
    /// <param name="Name">The last segment of the first folder (Slo, Api, Cli): how "may use" cells name the room.</param>
    public sealed record Room(string Name, IReadOnlyList<string> Folders, IReadOnlyList<string> MayUse);

    /// <summary>The rows for operator/ and contracts/ folders, in table order; other rows are documentation only.</summary>
    public static IReadOnlyList<Room> Parse(string markdown)
    {
        var section = markdown[markdown.IndexOf("## Rooms", StringComparison.Ordinal)..];
        var rows = section.Split('\n').Select(l => l.Trim())
            .SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|'))
            .Skip(2) // header and separator
            .Select(l => l.Trim('|').Split('|').Select(c => c.Trim()).ToArray());
        var rooms = new List<Room>();
        foreach (var cells in rows)
        {
            var folders = Ticked(cells[0]).Where(f => f.StartsWith("operator/", StringComparison.Ordinal) || f.StartsWith("contracts/", StringComparison.Ordinal)).ToList();
            if (folders.Count == 0) continue;
            var remarksRemoved = Remarks().Replace(cells[2], "");
            var mayUse = new List<string>();
            if (remarksRemoved.Contains("the above", StringComparison.Ordinal)) mayUse.AddRange(rooms.Select(r => r.Name));
            foreach (var name in Ticked(remarksRemoved))
            {
                var named = name == "contracts" ? rooms.Where(r => r.Folders[0].StartsWith("contracts/", StringComparison.Ordinal)).Select(r => r.Name).ToList()
                    : rooms.Any(r => r.Name == name) ? [name]
                    : throw new InvalidOperationException($"`{folders[0]}` names {name}, which is not a row above it");
                mayUse.AddRange(named.Where(n => !mayUse.Contains(n)));
            }
            rooms.Add(new Room(folders[0].TrimEnd('/').Split('/')[^1], folders, mayUse));
        }
        return rooms;
    }

    /// <summary>The row whose folder holds <paramref name="path"/> (the longest match), or null.</summary>
    public static Room? RoomOf(IReadOnlyList<Room> rooms, string path) =>
        rooms.SelectMany(r => r.Folders.Select(f => (Room: r, Folder: f.TrimEnd('/'))))
            .Where(x => path == x.Folder || path.StartsWith(x.Folder + "/", StringComparison.Ordinal))
            .OrderByDescending(x => x.Folder.Length)
            .Select(x => x.Room)
            .FirstOrDefault();

    /// <summary>"file (room) uses Namespace (room)" for each reference to a room the file's row does not name.</summary>
    public static IReadOnlyList<string> Violations(IReadOnlyList<Room> rooms, IEnumerable<(string Path, string Text)> files)
    {
        var sources = files.Select(f => (f.Path, Code: Comments().Replace(StringLiterals().Replace(f.Text, "\"\""), ""), Room: RoomOf(rooms, f.Path)))
            .Where(f => f.Room is not null).ToList();
        // Which room declares each namespace, and the types each namespace declares.
        var owners = new Dictionary<string, Room>(StringComparer.Ordinal);
        var types = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (path, code, room) in sources)
        {
            if (Namespace().Match(code) is not { Success: true } ns) continue;
            var name = ns.Groups[1].Value;
            if (owners.TryGetValue(name, out var other) && other != room)
                throw new InvalidOperationException($"namespace {name} is declared in two rooms, {other.Name} and {room!.Name} ({path})");
            owners[name] = room!;
            types.TryAdd(name, []);
            foreach (Match t in TypeDeclaration().Matches(code)) types[name].Add(t.Groups[1].Value);
        }

        string? Owning(string reference) => owners.Keys
            .Where(n => reference == n || reference.StartsWith(n + ".", StringComparison.Ordinal))
            .OrderByDescending(n => n.Length).FirstOrDefault();

        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (path, code, room) in sources)
        {
            var references = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match m in Using().Matches(code)) references.Add(m.Groups[1].Value);
            var body = Using().Replace(Namespace().Replace(code, ""), "");
            foreach (Match m in Qualified().Matches(body)) references.Add(m.Groups[1].Value);
            // Inside namespace RumOperator.X, "Slo.AlertWindowPlan" means RumOperator.Slo.AlertWindowPlan.
            if (Namespace().IsMatch(code))
                foreach (Match m in PartlyQualified().Matches(body))
                    if (types.TryGetValue($"RumOperator.{m.Groups[1].Value}", out var declared) && declared.Contains(m.Groups[2].Value))
                        references.Add($"RumOperator.{m.Groups[1].Value}");
            foreach (var reference in references)
            {
                if (Owning(reference) is not { } ns || owners[ns] is var target && (target == room || room!.MayUse.Contains(target.Name))) continue;
                violations.Add($"{path} ({room!.Name}) uses {ns} ({target.Name})");
            }
        }
        return [.. violations];
    }

    private static IEnumerable<string> Ticked(string cell) => TickedText().Matches(cell).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex TickedText();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Remarks();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();

    [GeneratedRegex(@"""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex StringLiterals();

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?:global::)?(RumOperator(?:\.\w+)*)\s*;", RegexOptions.Multiline)]
    private static partial Regex Using();

    [GeneratedRegex(@"(?<![\w.])(?:global::)?(RumOperator(?:\.\w+)+)")]
    private static partial Regex Qualified();

    [GeneratedRegex(@"(?<![\w.])(\w+)\.(\w+)")]
    private static partial Regex PartlyQualified();

    [GeneratedRegex(@"\b(?:class|record(?:\s+(?:struct|class))?|struct|interface|enum)\s+(\w+)")]
    private static partial Regex TypeDeclaration();
}
