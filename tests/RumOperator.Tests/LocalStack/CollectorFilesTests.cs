using System.Text;
using System.Text.Json.Nodes;
using RumOperator.CollectorConfig;
using RumOperator.LocalStack;

namespace RumOperator.Tests.LocalStack;

/// <summary>What the kubelet would mount for a collector pod, as files on this machine.</summary>
public sealed class CollectorFilesTests
{
    private static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

    [Fact]
    public void Mount_paths_point_at_the_local_folder_and_mounted_Secret_keys_become_files()
    {
        var config = new JsonObject
        {
            ["ingest"] = new JsonObject { ["keysPath"] = CollectorPaths.KeysDirectory, ["allowedOrigins"] = new JsonArray("https://shop.example.com") },
            ["privacy"] = new JsonObject { ["saltPath"] = $"{CollectorPaths.SaltDirectory}/{CollectorPaths.SaltKey}" },
            ["export"] = new JsonObject { ["file"] = "/etc/rum/keysake/not-a-mount" },
        }.ToJsonString();

        var result = CollectorFiles.Materialize(config, new JsonObject { ["storefront"] = B64("pk-1,pk-2") },
            new JsonObject { ["salt"] = B64("pepper"), ["other"] = B64("not mounted") }, "/work/c");

        var written = JsonNode.Parse(result.ConfigJson)!;
        Assert.Equal("/work/c/keys", written["ingest"]!["keysPath"]!.GetValue<string>());
        Assert.Equal("/work/c/salt/salt", written["privacy"]!["saltPath"]!.GetValue<string>());
        Assert.Equal("/etc/rum/keysake/not-a-mount", written["export"]!["file"]!.GetValue<string>()); // a prefix, not the mount
        Assert.Equal("https://shop.example.com", written["ingest"]!["allowedOrigins"]![0]!.GetValue<string>());
        Assert.Equal("pk-1,pk-2", Encoding.UTF8.GetString(result.Files["/work/c/keys/storefront"]));
        Assert.Equal("pepper", Encoding.UTF8.GetString(result.Files["/work/c/salt/salt"]));
        Assert.DoesNotContain(result.Files.Keys, k => k.EndsWith("other", StringComparison.Ordinal));
        Assert.Equal(result.ConfigJson, Encoding.UTF8.GetString(result.Files[$"/work/c/{CollectorPaths.ConfigFileName}"]));
    }
}
