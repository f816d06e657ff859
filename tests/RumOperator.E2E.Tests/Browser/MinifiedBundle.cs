using System.Diagnostics;

namespace RumOperator.E2E.Tests.Browser;

/// <summary>
/// Site/app/checkout.ts bundled and minified by esbuild (the SDK's own, from sdk/node_modules) with an
/// external source map, as an app's build would: dist/checkout.min.js ends in a sourceMappingURL
/// comment that names dist/checkout.min.js.map, whose sources point back to src/checkout.ts.
/// </summary>
internal static class MinifiedBundle
{
    public const string Script = "checkout.min.js";

    /// <summary>Builds into <paramref name="directory"/>/dist and returns that folder.</summary>
    public static async Task<string> BuildAsync(string directory)
    {
        var esbuild = Path.Combine(Repo.Root, "sdk", "node_modules", ".bin", "esbuild");
        if (!File.Exists(esbuild)) throw new InvalidOperationException($"{esbuild} is missing: run scripts/sdk-build.sh first");
        var src = Directory.CreateDirectory(Path.Combine(directory, "src")).FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Browser", "Site", "app", "checkout.ts"), Path.Combine(src, "checkout.ts"), overwrite: true);
        var dist = Path.Combine(directory, "dist");
        var info = new ProcessStartInfo(esbuild)
        {
            WorkingDirectory = directory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            ArgumentList = { "src/checkout.ts", "--bundle", "--minify", "--sourcemap", "--format=iife", "--target=es2020", $"--outfile=dist/{Script}" },
        };
        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"esbuild failed ({process.ExitCode}): {await errors}");
        return dist;
    }
}
