using System.Text.Json.Nodes;
using RumOperator.Controllers;
using RumOperator.Runtime.ApiServer;

namespace RumOperator.Bench;

/// <summary>
/// The child process: the fake API server with the seeded objects. It prints its URL, then answers lines on stdin:
/// "stats" prints request counts by method as one JSON line, "clear" forgets requests so far.
/// </summary>
internal static class ServeMode
{
    public static async Task<int> RunAsync(string examples, int pipelines, int slos, int namespaces)
    {
        await using var server = await EmbeddedApiServer.StartAsync(resources: OperatorResources.Map);
        foreach (var obj in Seed.Objects(examples, pipelines, slos, namespaces)) server.Store.Put(obj);
        Console.WriteLine($"URL {server.Url}");
        while (await Console.In.ReadLineAsync() is { } line)
        {
            if (line == "clear") server.ClearRequests();
            else if (line == "stats") Console.WriteLine(Stats(server).ToJsonString());
        }
        return 0;
    }

    private static JsonObject Stats(EmbeddedApiServer server)
    {
        var requests = server.Requests;
        var byMethod = new JsonObject();
        foreach (var group in requests.GroupBy(r => r.IsWatch ? "WATCH" : r.Method).OrderBy(g => g.Key, StringComparer.Ordinal))
            byMethod[group.Key] = group.Count();
        return new JsonObject
        {
            ["total"] = requests.Count,
            ["writes"] = requests.Count(r => r.Method is "PATCH" or "PUT" or "POST" or "DELETE"),
            ["byMethod"] = byMethod,
        };
    }
}
