using System.Net;

namespace RumCollector.Ingest;

/// <summary>What the collector knows about the sender besides the body; free of HTTP types.</summary>
/// <param name="RemoteIp">The connection's address; after admission, the client's (see <see cref="ClientAddressResolver"/>).</param>
/// <param name="ForwardedFor">Every X-Forwarded-For header, comma-joined; read only from trusted proxies.</param>
public sealed record ClientContext(string? UserAgent, IPAddress? RemoteIp, Func<string, string?> Header, DateTimeOffset ReceivedAt, string? ForwardedFor = null);
