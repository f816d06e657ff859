using System.Text;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RumOperator.Runtime.Client;

namespace RumOperator.Runtime.ApiServer;

/// <summary>
/// An in-process Kubernetes API server over real HTTP (Kestrel on 127.0.0.1) that the real KubernetesClient talks to:
/// the embedded cluster of `rum-operator dev` and the API server of the operator's tests. It serves
/// CRUD, server-side apply, merge patch, status subresource, discovery and newline-delimited
/// watches with resourceVersion resume and bookmarks over <see cref="EmbeddedObjectStore"/>, which holds the rules
/// (the tests' in-memory front serves the same store). It records every request and can inject failures, drop
/// watches and compact history (410 Gone). Not modelled: field-level SSA conflicts.
/// </summary>
public sealed class EmbeddedApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly object _lock = new();
    private readonly List<ServedRequest> _requests = [];
    private readonly List<ApiFault> _faults = [];
    private readonly HashSet<string> _missingResources = [];

    private EmbeddedApiServer(WebApplication app, ResourceMap resources)
    {
        _app = app;
        Store = new EmbeddedObjectStore(resources);
    }

    /// <summary>Requests kept in <see cref="Requests"/>.</summary>
    public const int MaxRecordedRequests = 50_000;

    public string Url { get; private set; } = "";
    public EmbeddedObjectStore Store { get; }

    public IReadOnlyList<ServedRequest> Requests { get { lock (_lock) return [.. _requests]; } }

    /// <summary>Starts on 127.0.0.1; port 0 picks a free one. It serves the kinds of <paramref name="resources"/> (default: the built-in ones).</summary>
    public static async Task<EmbeddedApiServer> StartAsync(int port = 0, ResourceMap? resources = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var server = new EmbeddedApiServer(app, resources ?? ResourceMap.Default);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    /// <summary>A real KubernetesClient pointed at this server.</summary>
    public Kubernetes CreateKubernetes() => new(new KubernetesClientConfiguration { Host = Url });

    public void ClearRequests()
    {
        lock (_lock) _requests.Clear();
    }

    /// <summary>Answers the next <paramref name="times"/> matching requests with the fault instead of serving them.</summary>
    public void Fail(ApiFault fault, int times = 1)
    {
        lock (_lock) _faults.Add(fault with { Remaining = times });
    }

    /// <summary>Hides a resource from discovery, as when its CRD is not installed.</summary>
    public void HideResource(string groupVersion, string plural)
    {
        lock (_lock) _missingResources.Add($"{groupVersion}/{plural}");
    }

    public async ValueTask DisposeAsync()
    {
        Store.DropWatches();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var body = await new StreamReader(request.Body, Encoding.UTF8).ReadToEndAsync();
        var served = new ServedRequest(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", request.ContentType, body);
        ApiFault? fault;
        lock (_lock)
        {
            _requests.Add(served);
            // Tests read the whole log; a long-running local stack keeps only the newest requests.
            if (_requests.Count > MaxRecordedRequests) _requests.RemoveRange(0, _requests.Count - MaxRecordedRequests / 2);
            fault = _faults.FirstOrDefault(f => f.Matches(served.Method, served.Path + served.Query));
            if (fault is not null) fault.Remaining--;
        }
        if (fault is not null)
        {
            await FailAsync(context, served, fault);
            return;
        }

        var path = ApiPath.Parse(served.Path);
        if (path is null)
        {
            await WriteAsync(context, served, ApiResponse.Status(404, "NotFound", $"the server could not find the requested resource {served.Path}"));
            return;
        }
        if (request.Method == "GET" && served.IsWatch)
        {
            served.StatusCode = 200;
            await ApiWatchStream.ServeAsync(context, Store, path, served);
            return;
        }
        await WriteAsync(context, served, Route(path, served));
    }

    private ApiResponse Route(ApiPath path, ServedRequest request)
    {
        if (path.IsDiscovery) return request.Method == "GET" ? Discovery(path) : MethodNotAllowed(request);
        var body = request.Body.Length > 0 ? JsonNode.Parse(request.Body) as JsonObject : null;
        return (request.Method, path.Name) switch
        {
            ("GET", null) => Store.List(path, request.QueryValue("labelSelector")),
            ("GET", _) => Store.Read(path),
            ("POST", null) when body is not null => Store.Create(path, body),
            ("PUT", not null) when body is not null => Store.Replace(path, body),
            ("PATCH", not null) when body is not null => Patch(path, request, body),
            ("DELETE", not null) => Store.Delete(path),
            _ => MethodNotAllowed(request),
        };
    }

    private ApiResponse Patch(ApiPath path, ServedRequest request, JsonObject body)
    {
        switch (request.ContentType)
        {
            case "application/apply-patch+yaml":
                if (string.IsNullOrEmpty(request.QueryValue("fieldManager")))
                    return ApiResponse.Status(400, "BadRequest", "PATCH: fieldManager is required for apply requests");
                return Store.Apply(path, body);
            case "application/merge-patch+json":
                return Store.MergePatch(path, body);
            default:
                return ApiResponse.Status(415, "UnsupportedMediaType", $"the body of the request was in an unknown format: {request.ContentType}");
        }
    }

    private ApiResponse Discovery(ApiPath path)
    {
        var resources = Store.Resources.All.Where(t => t.ApiVersion == path.GroupVersion)
            .Where(t => { lock (_lock) return !_missingResources.Contains($"{t.ApiVersion}/{t.Plural}"); })
            .Select(t => (JsonNode)new JsonObject { ["name"] = t.Plural, ["kind"] = t.Kind, ["namespaced"] = t.Namespaced })
            .ToArray();
        return resources.Length == 0
            ? ApiResponse.Status(404, "NotFound", $"the server could not find the requested resource {path.GroupVersion}")
            : ApiResponse.Ok(new JsonObject
            {
                ["kind"] = "APIResourceList",
                ["apiVersion"] = "v1",
                ["groupVersion"] = path.GroupVersion,
                ["resources"] = new JsonArray(resources),
            });
    }

    private static ApiResponse MethodNotAllowed(ServedRequest request) =>
        ApiResponse.Status(405, "MethodNotAllowed", $"{request.Method} {request.Path} is not supported");

    private static async Task FailAsync(HttpContext context, ServedRequest served, ApiFault fault)
    {
        if (fault.Hang)
        {
            served.StatusCode = 0;
            try { await Task.Delay(Timeout.Infinite, context.RequestAborted); }
            catch (OperationCanceledException) { }
            return;
        }
        if (fault.RetryAfter is { } retryAfter) context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString();
        await WriteAsync(context, served, ApiResponse.Status(fault.StatusCode, "Injected", $"injected {fault.StatusCode}"));
    }

    private static async Task WriteAsync(HttpContext context, ServedRequest served, ApiResponse response)
    {
        served.StatusCode = response.StatusCode;
        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.Body.ToJsonString());
    }
}
