using FluentValidation;
using RumOperator.Api;

namespace RumOperator.Validation;

/// <summary>spec.rollback.git: where the operator pushes, with whose credentials, and which fields it may change.</summary>
public sealed class GitRollbackValidator : AbstractValidator<GitRollback>
{
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(10);

    public GitRollbackValidator()
    {
        RuleFor(x => x.Url).NotEmpty().WithMessage("is required").Must(u => UrlProblem(u) is null)
            .WithMessage((_, u) => UrlProblem(u)!);
        RuleFor(x => x.Branch).Must(b => RefNameProblem(b) is null).WithMessage((_, b) => RefNameProblem(b)!);
        RuleFor(x => x.NewBranchPrefix).Must(b => b is null || RefNameProblem(b, prefix: true) is null)
            .WithMessage((_, b) => RefNameProblem(b!, prefix: true)!);
        RuleFor(x => x.SecretRef.Name).MustBeObjectName();
        RuleFor(x => x.Edits).NotEmpty().WithMessage("must name at least one file and field")
            .Must(e => e.Count <= 20).WithMessage("must hold at most 20 edits");
        RuleFor(x => x.Edits).Must(e => e.Select(x => (x.Path, x.Field)).Distinct().Count() == e.Count)
            .WithMessage("must not name the same path and field twice");
        RuleForEach(x => x.Edits).ChildRules(edit =>
        {
            edit.RuleFor(e => e.Path).Must(p => PathProblem(p) is null).WithMessage((_, p) => PathProblem(p)!);
            edit.RuleFor(e => e.Field).Must(f => f.Length <= 500 && YamlFieldPath.Parse(f).Error is null)
                .WithMessage((_, f) => f.Length > 500 ? "must be at most 500 characters" : $"is not a field path: {YamlFieldPath.Parse(f).Error}");
            edit.RuleFor(e => e.Value).Must(v => ValueProblem(v) is null).WithMessage((_, v) => ValueProblem(v)!);
        });
        RuleFor(x => x.Author!).SetValidator(new IdentityValidator()).When(x => x.Author is not null);
        RuleFor(x => x.Committer!).SetValidator(new IdentityValidator()).When(x => x.Committer is not null);
        RuleFor(x => x.Timeout).MustBeDuration()
            .Must(t => !PromDuration.TryParse(t, out var d) || d <= MaxTimeout)
            .WithMessage((_, t) => $"'{t}' must be at most {PromDuration.Format(MaxTimeout)}");
    }

    /// <summary>https without user info, query or fragment; http only to a loopback host (rum-operator dev).</summary>
    public static string? UrlProblem(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Host.Length == 0)
            return "is not an https URL";
        // Never echo a URL that carries credentials: the message lands in status and Events.
        if (uri.UserInfo.Length > 0 || url.Contains('@', StringComparison.Ordinal))
            return "must not carry user info: put the credentials in the Secret of secretRef";
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0) return $"'{url}' must not have a query or fragment";
        if (uri.Scheme == "http" && !uri.IsLoopback) return $"'{url}' must be https (http only to a loopback host)";
        if (url.Length > 500) return "must be at most 500 characters";
        return null;
    }

    /// <summary>What git check-ref-format refuses, and a leading '-' that a command line would read as an option.</summary>
    public static string? RefNameProblem(string name, bool prefix = false)
    {
        if (name.Length is 0 or > 200) return "must be 1 to 200 characters";
        if (name[0] is '-' or '/' or '.' || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '/' or '-'))
            return $"'{name}' is not a branch name (letters, digits, . _ / -, not starting with - / or .)";
        if (name.Contains("..", StringComparison.Ordinal) || name.Contains("//", StringComparison.Ordinal) || name.Contains("/.", StringComparison.Ordinal)
            || (!prefix && (name.EndsWith('/') || name.EndsWith('.') || name.EndsWith(".lock", StringComparison.Ordinal))))
            return $"'{name}' is not a branch name (no .., //, /. and no trailing /, . or .lock)";
        return null;
    }

    /// <summary>A file inside the working tree: relative, no '..' and nothing under .git.</summary>
    public static string? PathProblem(string path)
    {
        if (path.Length is 0 or > 500) return "must be 1 to 500 characters";
        if (path[0] is '-' or '/' || !path.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '/' or '-'))
            return $"'{path}' is not a relative file path (letters, digits, . _ / -, not starting with / or -)";
        if (path.Split('/').Any(s => s is "" or "." or ".." || s.Equals(".git", StringComparison.OrdinalIgnoreCase)))
            return $"'{path}' must stay inside the repository (no empty, . or .. segments, nothing under .git)";
        return null;
    }

    public static string? ValueProblem(string value)
    {
        if (value.Length > 500) return "must be at most 500 characters";
        if (!value.Contains(GitRollback.ReleasePlaceholder, StringComparison.Ordinal))
            return $"'{value}' must contain {GitRollback.ReleasePlaceholder}, e.g. registry/shop/web:{GitRollback.ReleasePlaceholder}";
        var rest = value.Replace(GitRollback.ReleasePlaceholder, "", StringComparison.Ordinal);
        if (rest.Contains("{{", StringComparison.Ordinal) || rest.Contains("}}", StringComparison.Ordinal))
            return $"'{value}': {GitRollback.ReleasePlaceholder} is the only placeholder";
        if (value.Any(char.IsControl)) return "must be one line without control characters";
        return null;
    }

    private sealed class IdentityValidator : AbstractValidator<GitIdentity>
    {
        public IdentityValidator()
        {
            RuleFor(x => x.Name).NotEmpty().WithMessage("is required")
                .Must(n => n.Length <= 100 && !n.Any(c => c is '<' or '>' || char.IsControl(c)))
                .WithMessage("must be at most 100 characters, without <, > or control characters");
            RuleFor(x => x.Email).NotEmpty().WithMessage("is required")
                .Matches("^[^<>\\s@]+@[^<>\\s@]+$").WithMessage((_, e) => $"'{e}' is not an email address");
        }
    }
}
