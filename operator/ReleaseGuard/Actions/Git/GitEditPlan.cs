using RumOperator.Api;

namespace RumOperator.ReleaseGuard;

/// <summary>One field set from the reverted release's value to the restored one.</summary>
public sealed record GitFieldChange(string Path, string Field, string From, string To)
{
    public override string ToString() => $"{Path} {Field}: {From} -> {To}";
}

/// <summary>The new contents of the files to commit, or why the edits are refused. No files: Git already holds the release.</summary>
public sealed record GitEditPlan(IReadOnlyDictionary<string, string> Files, IReadOnlyList<GitFieldChange> Changes, string? Refusal)
{
    /// <summary>
    /// Pure: each edit's field must hold the reverted release's value (then it is set to the restored one) or
    /// already the restored one (left alone). Anything else means someone changed the field since the release
    /// was deployed: refused, a human decides. Several edits of one file apply one after the other.
    /// </summary>
    public static GitEditPlan Create(IReadOnlyList<GitEdit> edits, Func<string, (string? Text, string? Problem)> read, string reverted, string restore)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var changes = new List<GitFieldChange>();
        for (var i = 0; i < edits.Count; i++)
        {
            var edit = edits[i];
            var where = $"spec.rollback.git.edits[{i}]: {edit.Path}";
            if (!files.TryGetValue(edit.Path, out var text))
            {
                var (read_, problem) = read(edit.Path);
                if (read_ is null) return Refuse($"{where}: {problem}");
                text = read_;
            }
            if (YamlFieldPath.Parse(edit.Field) is not { Steps: { } path }) return Refuse($"{where}: '{edit.Field}' is not a field path");
            var (scalar, why) = YamlScalarEdit.Find(text, path);
            if (scalar is null) return Refuse($"{where}: {why}");

            var (from, to) = (edit.Render(reverted), edit.Render(restore));
            if (scalar.Value == to) continue;
            if (scalar.Value != from)
                return Refuse($"{where}: {edit.Field} is '{scalar.Value}', not '{from}' (release {reverted}): someone changed it since, so the guard leaves it to a human");
            files[edit.Path] = YamlScalarEdit.Replace(text, scalar, to);
            changes.Add(new GitFieldChange(edit.Path, edit.Field, from, to));
        }
        return new GitEditPlan(files, changes, null);
    }

    private static GitEditPlan Refuse(string why) => new(new Dictionary<string, string>(), [], why);
}
