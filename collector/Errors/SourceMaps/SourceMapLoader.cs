using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using RumOperator.CollectorConfig;

namespace RumCollector.Errors.SourceMaps;

/// <summary>
/// Loads one script's source map, off the request path: first from the mounted directory
/// (&lt;directory&gt;/&lt;script path&gt;.map), else, when downloads are on, by fetching the script from an
/// allowed origin, following its <c>sourceMappingURL</c> comment or <c>SourceMap</c> header (an inline
/// data: URL too) and fetching the map, which must come from an allowed origin as well. Redirects are
/// not followed (a redirect could leave the allowed origins); every read is bounded in bytes, and the
/// caller bounds it in time. Failures throw <see cref="SourceMapLoadException"/> with a counted reason.
/// </summary>
public sealed partial class SourceMapLoader(HttpMessageHandler handler) : IDisposable
{
    private readonly HttpClient _http = new(handler) { Timeout = Timeout.InfiniteTimeSpan };

    public SourceMapLoader() : this(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
    }

    /// <summary>The last sourceMappingURL comment wins, as in browsers; only the script's tail is searched.</summary>
    [GeneratedRegex(@"//[#@]\s*sourceMappingURL=(\S+)\s*$", RegexOptions.Multiline | RegexOptions.RightToLeft)]
    private static partial Regex MappingComment();

    private const int TailChars = 64 * 1024;

    /// <returns>The map and where it came from ("directory" or "download").</returns>
    public async Task<(SourceMap Map, string Source)> LoadAsync(string scriptUrl, CollectorSourceMaps settings, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(scriptUrl, UriKind.Absolute, out var script) || script.Scheme is not ("http" or "https"))
            throw new SourceMapLoadException(SourceMapFailure.NotFound, $"{scriptUrl} is not an http(s) URL");
        if (settings.Directory is { } directory && MapFile(directory, script) is { } file && File.Exists(file))
            return (Parse(await ReadFileAsync(file, settings.MaxMapBytes, cancellationToken)), "directory");
        if (!settings.Download)
            throw new SourceMapLoadException(SourceMapFailure.NotFound, $"no map for {script.AbsolutePath} in the directory and downloads are off");
        RequireAllowed(script, settings);

        var (body, header) = await GetAsync(script, settings.MaxMapBytes, cancellationToken);
        var reference = header ?? Reference(body);
        if (reference is null)
            throw new SourceMapLoadException(SourceMapFailure.NoReference, $"{scriptUrl} names no sourceMappingURL");
        if (reference.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            return (Parse(DataUrl(reference)), "download");
        if (!Uri.TryCreate(script, reference, out var mapUrl) || mapUrl.Scheme is not ("http" or "https"))
            throw new SourceMapLoadException(SourceMapFailure.Invalid, $"sourceMappingURL '{Cut(reference)}' is not an http(s) URL");
        RequireAllowed(mapUrl, settings);
        var (map, _) = await GetAsync(mapUrl, settings.MaxMapBytes, cancellationToken);
        return (Parse(map), "download");
    }

    /// <summary>&lt;directory&gt;/&lt;script path&gt;.map, or null when the path would leave the directory.</summary>
    public static string? MapFile(string directory, Uri script)
    {
        var root = Path.GetFullPath(directory).TrimEnd('/') + "/";
        var relative = Uri.UnescapeDataString(script.AbsolutePath).TrimStart('/');
        if (relative.Length == 0 || relative.Contains('\0')) return null;
        var full = Path.GetFullPath(Path.Combine(root, relative + ".map"));
        return full.StartsWith(root, StringComparison.Ordinal) ? full : null;
    }

    private static void RequireAllowed(Uri url, CollectorSourceMaps settings)
    {
        var origin = url.GetLeftPart(UriPartial.Authority);
        if (!settings.Origins.Contains(origin, StringComparer.OrdinalIgnoreCase))
            throw new SourceMapLoadException(SourceMapFailure.OriginNotAllowed, $"{origin} is not one of spec.errors.sourceMaps.origins");
    }

    private async Task<(byte[] Body, string? MapHeader)> GetAsync(Uri url, int maxBytes, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new SourceMapLoadException(SourceMapFailure.HttpError, $"GET {url.GetLeftPart(UriPartial.Path)}: HTTP {(int)response.StatusCode}");
        if (response.Content.Headers.ContentLength > maxBytes)
            throw new SourceMapLoadException(SourceMapFailure.TooLarge, $"{url.GetLeftPart(UriPartial.Path)} is larger than {maxBytes} bytes");
        var header = response.Headers.TryGetValues("SourceMap", out var values) || response.Headers.TryGetValues("X-SourceMap", out values)
            ? values.FirstOrDefault()
            : null;
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return (await ReadBoundedAsync(stream, maxBytes, url.GetLeftPart(UriPartial.Path), cancellationToken), header);
    }

    private static async Task<byte[]> ReadFileAsync(string file, int maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        return await ReadBoundedAsync(stream, maxBytes, file, cancellationToken);
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream stream, int maxBytes, string what, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                throw new SourceMapLoadException(SourceMapFailure.TooLarge, $"{what} is larger than {maxBytes} bytes");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static string? Reference(byte[] script)
    {
        var start = Math.Max(0, script.Length - TailChars);
        var tail = Encoding.UTF8.GetString(script, start, script.Length - start);
        var m = MappingComment().Match(tail);
        return m.Success ? m.Groups[1].Value : null;
    }

    private static byte[] DataUrl(string url)
    {
        var comma = url.IndexOf(',');
        if (comma < 0 || !url[..comma].EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
            throw new SourceMapLoadException(SourceMapFailure.Invalid, "an inline source map must be a base64 data: URL");
        try { return Convert.FromBase64String(url[(comma + 1)..]); }
        catch (FormatException) { throw new SourceMapLoadException(SourceMapFailure.Invalid, "the inline source map is not valid base64"); }
    }

    private static SourceMap Parse(byte[] json)
    {
        try { return SourceMap.Parse(json); }
        catch (SourceMapException e) { throw new SourceMapLoadException(SourceMapFailure.Invalid, e.Message); }
    }

    private static string Cut(string text) => text.Length <= 80 ? text : text[..80] + "…";

    public void Dispose() => _http.Dispose();
}
