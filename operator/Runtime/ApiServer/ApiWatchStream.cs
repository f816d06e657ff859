using System.Text;
using Microsoft.AspNetCore.Http;

namespace RumOperator.Runtime.ApiServer;

/// <summary>Serves one watch the way the API server frames it: HTTP 200, then one JSON event per line until timeoutSeconds.</summary>
internal static class ApiWatchStream
{
    public static async Task ServeAsync(HttpContext context, EmbeddedObjectStore store, ApiPath path, ServedRequest request)
    {
        var fromRv = long.TryParse(request.QueryValue("resourceVersion"), out var rv) ? rv : store.ResourceVersion;
        var timeout = TimeSpan.FromSeconds(int.TryParse(request.QueryValue("timeoutSeconds"), out var s) ? s : 1800);
        var watcher = new ApiWatcher(path.Collection, path.Namespace, request.QueryValue("allowWatchBookmarks") == "true", context.Abort);
        var backlog = store.Subscribe(watcher, fromRv);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        try
        {
            if (backlog is null)
            {
                // Like the real server: a 200 stream whose only frame is an ERROR carrying a 410 Status.
                var status = ApiResponse.Status(410, "Expired", $"too old resource version: {fromRv} ({store.ResourceVersion})").Body;
                await WriteFrameAsync(context, EmbeddedObjectStore.Frame("ERROR", status));
                return;
            }
            foreach (var frame in backlog) await WriteFrameAsync(context, frame);
            await context.Response.Body.FlushAsync();
            using var expiry = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            expiry.CancelAfter(timeout);
            await foreach (var frame in watcher.Frames.Reader.ReadAllAsync(expiry.Token))
                await WriteFrameAsync(context, frame);
        }
        catch (OperationCanceledException) { }
        finally
        {
            store.Unsubscribe(watcher);
        }
    }

    private static async Task WriteFrameAsync(HttpContext context, string frame)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(frame + "\n"));
        await context.Response.Body.FlushAsync();
    }
}
