namespace RumOperator.E2E.Tests.Browser;

/// <summary>
/// The app under test, as both sides know it: the pipeline manifest and the SDK's init options are
/// built from these values, so the route templates the SDK matches are the ones the collector allows.
/// </summary>
internal static class ShopApp
{
    public const string Name = "shop";
    public const string Key = "pk-shop-e2e";
    public static readonly string[] Routes = ["/", "/product/:id", "/fail/:what", "/faro/:page"];

    /// <summary>Short, so a test waits for its data about a fifth of a second instead of the SDK's default 5 s.</summary>
    public const int FlushIntervalMs = 200;

    /// <summary>Standalone manifests: the pipeline that admits the shop's origin, and the keys Secret.</summary>
    public static string Manifests(Uri pageOrigin, string exportFile) => $$"""
        apiVersion: rumops.dev/v1alpha1
        kind: RumPipeline
        metadata: { name: e2e, namespace: shop }
        spec:
          ingest:
            allowedOrigins: ["{{pageOrigin.GetLeftPart(UriPartial.Authority)}}"]
            keysSecretRef: { name: e2e-rum-keys }
            # Every browser test shares one collector and one loopback address: no per-address bucket, or a
            # busy run answers 429 and Faro's console capture reports that as one more error.
            clientRateLimit: { eventsPerSecond: 0 }
          apps:
            - name: {{Name}}
              routes: [{{string.Join(", ", Routes.Select(r => $"\"{r}\""))}}]
              # The lowest rate a test tells the SDK (SamplingTests): claims down to it keep their weight.
              sampleRate: 0.25
          privacy:
            queryParamAllowlist: [utm_source]
          enrichment:
            # Chromium headless says HeadlessChrome, which the collector otherwise counts as a bot.
            allowHeadless: true
          metrics:
            labels: [app, route, release, device, browser]
          export:
            file: { path: "{{exportFile}}" }
          errors:
            # The minified checkout and its map come from the shop's "CDN" origin, fetched in the background.
            sourceMaps: { download: true, origins: ["{{ShopSite.BundleOrigin(pageOrigin.Port).GetLeftPart(UriPartial.Authority)}}"] }
        ---
        apiVersion: v1
        kind: Secret
        metadata: { name: e2e-rum-keys, namespace: shop }
        stringData:
          {{Name}}: "{{Key}}"
        """;
}
