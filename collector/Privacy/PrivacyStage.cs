using System.Net;
using RumCollector.Config;
using RumCollector.Ingest;
using RumOperator.Metrics;

namespace RumCollector.Privacy;

/// <summary>The identifiers left after privacy: a bounded route, a hashed user id, a truncated IP.</summary>
public sealed record PrivacyResult(string Route, string? UserIdHash, string? ClientIp);

/// <summary>
/// Runs before anything is counted or exported: derives the bounded route, strips URLs to the query
/// allowlist, redacts free text, hashes the user id, truncates the client IP. Mutates the beacon's
/// strings in place so no unredacted copy survives further down the pipeline.
/// </summary>
public static class PrivacyStage
{
    public static PrivacyResult Apply(CollectorState state, Beacon beacon, IPAddress? clientIp, ConsentDecision consent)
    {
        var route = state.RoutesFor(beacon.App).Resolve(beacon.PageRoute, beacon.PageUrl);
        beacon.PageUrl = state.Urls.Sanitize(beacon.PageUrl);
        beacon.Referrer = state.Urls.Sanitize(beacon.Referrer);
        foreach (var e in beacon.Events)
        {
            e.Url = state.Urls.Sanitize(e.Url);
            e.Message = state.Redactor.Redact(e.Message);
            e.Stack = state.Redactor.Redact(state.Urls.SanitizeUrlsIn(e.Stack));
            if (e.Type == EventType.Transaction) e.Name = state.Redactor.Redact(e.Name);
            if (e.Context is { } context)
                foreach (var key in context.Keys.ToList()) context[key] = state.Redactor.Redact(context[key]) ?? "";
        }
        var userHash = consent == ConsentDecision.Full ? state.UserIds.Hash(beacon.UserId) : null;
        beacon.UserId = null;
        var ip = consent == ConsentDecision.Full ? IpTruncator.Apply(clientIp, state.Config.Privacy.IpAddress) : null;
        return new PrivacyResult(route.Length == 0 ? RumMetrics.Other : route, userHash, ip);
    }
}
