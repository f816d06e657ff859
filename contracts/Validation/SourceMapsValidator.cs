using FluentValidation;
using RumOperator.Api;

namespace RumOperator.Validation;

/// <summary>spec.errors.sourceMaps: downloads only from named origins, bounded in bytes and time.</summary>
public sealed class SourceMapsValidator : AbstractValidator<SourceMapsSpec>
{
    public SourceMapsValidator()
    {
        RuleFor(x => x.Origins).NotEmpty().When(x => x.Download)
            .WithMessage("must name at least one origin when download is true: maps are fetched only from listed origins");
        RuleFor(x => x.Origins).Must(o => o.Count <= 20).WithMessage("must have at most 20 origins");
        RuleForEach(x => x.Origins)
            .Must(o => Uri.TryCreate(o, UriKind.Absolute, out var u) && (u.Scheme is "http" or "https") && u.AbsolutePath == "/" && !o.EndsWith('/') && u.Query.Length == 0)
            .WithMessage((_, o) => $"'{o}' is not an origin such as https://cdn.shop.example (scheme and host, no path, no wildcard)");
        RuleFor(x => x.Directory).Must(d => d!.StartsWith('/') && !d.Split('/').Contains("..")).When(x => x.Directory is not null)
            .WithMessage("must be an absolute path without '..'");
        RuleFor(x => x.MaxCacheBytes).InclusiveBetween(1L << 20, 1L << 30).WithMessage("must be between 1048576 and 1073741824 bytes");
        RuleFor(x => x.MaxMapBytes).InclusiveBetween(1024, 100 << 20).WithMessage("must be between 1024 and 104857600 bytes");
        RuleFor(x => x.Timeout).MustBeDuration()
            .Must(t => PromDuration.TryParse(t, out var d) && d <= TimeSpan.FromSeconds(60)).WithMessage((_, t) => $"'{t}' must be at most 60s");
    }
}
