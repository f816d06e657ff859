using System.Text.Json;

namespace RumOperator.E2E.Tests.Browser;

/// <summary>
/// Watches <c>navigator.sendBeacon</c>. A closing page's requests no longer reach Playwright's request
/// events, so the calls are recorded in localStorage, which outlives the page.
/// </summary>
internal static class SendBeaconSpy
{
    private const string StorageKey = "e2e_beacons";

    public sealed record Call(string Url, string Body, bool Sent);

    /// <summary>A setup script for <see cref="BrowserScenario.OpenAsync"/>.</summary>
    public const string Script = $$"""
        const sendBeacon = navigator.sendBeacon.bind(navigator);
        navigator.sendBeacon = (url, body) => {
          const sent = sendBeacon(url, body);
          const calls = JSON.parse(localStorage.getItem('{{StorageKey}}') || '[]');
          localStorage.setItem('{{StorageKey}}', JSON.stringify([...calls, { url, body, sent }]));
          return sent;
        };
        """;

    public static async Task<IReadOnlyList<Call>> CallsAsync(BrowserScenario scenario) =>
        JsonSerializer.Deserialize<Call[]>(await scenario.ReadStorageAsync(StorageKey) ?? "[]", JsonSerializerOptions.Web)!;
}
