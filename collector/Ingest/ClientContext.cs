using System.Net;

namespace RumCollector.Ingest;

/// <summary>What the collector knows about the sender besides the body; free of HTTP types.</summary>
public sealed record ClientContext(string? UserAgent, IPAddress? RemoteIp, Func<string, string?> Header, DateTimeOffset ReceivedAt);
