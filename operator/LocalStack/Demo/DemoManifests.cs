using System.Text;
using System.Text.Json.Nodes;
using RumOperator.Api;
using RumOperator.Objects;
using RumOperator.Serialization;

namespace RumOperator.LocalStack.Demo;

/// <summary>
/// The user's manifests as the local stack seeds them (pure): the same objects, made to run on one machine. A
/// pipeline admits the demo shop's origin and headless Chromium and exports raw events to a file instead of an
/// OTLP endpoint; SLO windows and cooldowns are compressed by the time scale and scraped every second; Secrets
/// carry <c>data</c> as the API server would store their <c>stringData</c>. Every Deployment a RumSLO rolls back
/// gets a demo workload.
/// </summary>
public static class DemoManifests
{
    public const string ScrapeInterval = "1s";

    public static IReadOnlyList<JsonObject> Prepare(ManifestSet manifests, DemoSettings settings)
    {
        var objects = new List<JsonObject>();
        foreach (var (doc, _) in manifests.Pipelines) objects.Add(Pipeline(doc.Json, settings));
        foreach (var (doc, _) in manifests.Policies) objects.Add(Clone(doc.Json));
        foreach (var (doc, _) in manifests.Secrets) objects.Add(Secret(doc.Json));
        foreach (var (doc, _) in manifests.Slos) objects.Add(Slo(doc.Json, settings.TimeScale));
        foreach (var doc in manifests.Other) objects.Add(Clone(doc.Json));

        var targets = manifests.Slos
            .Where(s => s.Value.Spec.Rollback is { Enabled: true, Target.Kind: RollbackTargetKind.Deployment })
            .Select(s => (s.Value.Namespace, Name: s.Value.Spec.Rollback!.Target.Name!, s.Value.Spec.Rollback.ReleaseLabel, App: s.Value.Spec.App ?? s.Value.Name))
            .DistinctBy(t => (t.Namespace, t.Name));
        foreach (var t in targets)
            if (!objects.Any(o => ObjectIs(o, OperatorKinds.Deployment.Kind, t.Namespace, t.Name)))
                objects.AddRange(DemoWorkload.Seed(t.Namespace, t.Name, t.ReleaseLabel, t.App, settings.Releases));
        return objects;
    }

    private static JsonObject Pipeline(JsonObject source, DemoSettings settings)
    {
        var pipeline = Clone(source);
        var spec = Obj(pipeline, "spec");
        var ingest = Obj(spec, "ingest");
        var origins = ingest["allowedOrigins"] as JsonArray ?? [];
        origins.Add(settings.ShopOrigin);
        ingest["allowedOrigins"] = origins;
        // The load generator and Chromium share the loopback address but stand for many browsers: loopback is the
        // "proxy", and the load generator names each synthetic browser in X-Forwarded-For (per-client buckets).
        ingest["trustedProxies"] = new JsonArray("127.0.0.1", "::1");
        // Headless Chromium announces itself as HeadlessChrome, which a collector otherwise counts as a bot.
        Obj(spec, "enrichment")["allowHeadless"] = true;
        spec["export"] = new JsonObject { ["file"] = new JsonObject { ["path"] = settings.ExportFile(ObjectMeta(pipeline).Name) } };
        var metrics = Obj(spec, "metrics");
        if (metrics["serviceMonitor"] is JsonObject monitor) monitor["interval"] = ScrapeInterval;
        return pipeline;
    }

    private static JsonObject Slo(JsonObject source, TimeScale scale)
    {
        var slo = Clone(source);
        var spec = Obj(slo, "spec");
        spec["window"] = scale.Window(spec["window"]?.GetValue<string>() ?? new RumSloSpec().Window);
        spec["scrapeInterval"] = ScrapeInterval;
        if (spec["rollback"] is JsonObject rollback)
            rollback["cooldown"] = scale.Duration(rollback["cooldown"]?.GetValue<string>() ?? new RollbackSpec().Cooldown);
        return slo;
    }

    /// <summary>What a real API server does on create: stringData is merged into base64 data.</summary>
    private static JsonObject Secret(JsonObject source)
    {
        var secret = Clone(source);
        if (secret["stringData"] is not JsonObject strings) return secret;
        var data = secret["data"] as JsonObject ?? [];
        foreach (var (key, value) in strings)
            data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value?.GetValue<string>() ?? ""));
        secret["data"] = data;
        secret.Remove("stringData");
        return secret;
    }

    private static bool ObjectIs(JsonObject o, string kind, string ns, string name) =>
        o["kind"]?.GetValue<string>() == kind && ObjectMeta(o) is var m && m.Namespace == ns && m.Name == name;

    private static (string Namespace, string Name) ObjectMeta(JsonObject o) =>
        (o["metadata"]?["namespace"]?.GetValue<string>() ?? "default", o["metadata"]?["name"]?.GetValue<string>() ?? "");

    private static JsonObject Obj(JsonObject parent, string field)
    {
        if (parent[field] is JsonObject existing) return existing;
        var created = new JsonObject();
        parent[field] = created;
        return created;
    }

    private static JsonObject Clone(JsonObject o) => o.DeepClone().AsObject();
}
