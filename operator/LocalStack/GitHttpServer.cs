using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RumOperator.LocalStack.Processes;
using RumOperator.ReleaseGuard;

namespace RumOperator.LocalStack;

/// <summary>
/// A Git server on loopback: Debian's <c>git http-backend</c> (CGI) behind Kestrel with HTTP basic auth, serving the
/// bare repositories under <see cref="Root"/> for clone, fetch and push. For the local stack's GitOps demo and for
/// tests of the git rollback target; <see cref="CreateRepositoryAsync"/> seeds a repository, <see cref="CommitAsync"/>
/// pushes as another person would.
/// </summary>
public sealed partial class GitHttpServer : IAsyncDisposable
{
    public const string HttpBackend = "/usr/lib/git-core/git-http-backend";
    public const long MaxRequestBytes = 64 << 20;
    private const string LocalAuthor = "Local Stack";
    private const string LocalEmail = "local-stack@rumops.dev";

    private readonly WebApplication _app;
    private readonly byte[] _expectedAuthorization;
    private readonly string _scratch;
    private int _receivePacks;

    [GeneratedRegex(@"^/[A-Za-z0-9_-][A-Za-z0-9._-]*\.git(/[A-Za-z0-9._/-]*)?$")] private static partial Regex RepositoryPath();

    private GitHttpServer(WebApplication app, string root, string username, string password)
    {
        (_app, Root, Username, Password) = (app, root, username, password);
        _expectedAuthorization = SHA256.HashData(Encoding.UTF8.GetBytes("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"))));
        _scratch = Directory.CreateTempSubdirectory("rum-git-local-").FullName;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = new Uri(addresses.First().TrimEnd('/') + "/");
    }

    /// <summary>The directory holding the bare repositories (name.git).</summary>
    public string Root { get; }
    public string Username { get; }
    public string Password { get; }
    public Uri BaseUrl { get; }

    /// <summary>Pushes begun so far (ref advertisements for git-receive-pack).</summary>
    public int ReceivePacks => Volatile.Read(ref _receivePacks);

    /// <summary>Runs when a push begins, before the refs are advertised, with the repository's name: a test moves the branch here to race a push.</summary>
    public Func<string, CancellationToken, Task>? BeforeReceivePack { get; set; }

    public static async Task<GitHttpServer> StartAsync(string root, string username, string password, CancellationToken ct = default)
    {
        if (!File.Exists(HttpBackend))
            throw new MissingToolException("git", $"{HttpBackend} is missing: run `{ToolLocator.InstallCommand}` (it installs Debian's git package)");
        Directory.CreateDirectory(root);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = root });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, 0);
            o.Limits.MaxRequestBodySize = MaxRequestBytes;
        });
        var app = builder.Build();
        GitHttpServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync(ct).ConfigureAwait(false);
        server = new GitHttpServer(app, root, username, password);
        return server;
    }

    public Uri RepositoryUrl(string name) => new(BaseUrl, $"{name}.git");

    public string RepositoryPath(string name) => Path.Combine(Root, $"{name}.git");

    /// <summary>A bare repository with one commit holding <paramref name="files"/> (path → content) on <paramref name="branch"/>; returns the commit.</summary>
    public async Task<string> CreateRepositoryAsync(string name, IReadOnlyDictionary<string, string> files, string branch = "main", CancellationToken ct = default)
    {
        var bare = RepositoryPath(name);
        var git = Cli();
        await git.RunCheckedAsync(Root, ["init", "--quiet", "--bare", $"--initial-branch={branch}", bare], ct).ConfigureAwait(false);
        await git.RunCheckedAsync(bare, ["config", "http.receivepack", "true"], ct).ConfigureAwait(false);
        var work = Directory.CreateTempSubdirectory("seed-").FullName;
        try
        {
            await git.RunCheckedAsync(work, ["init", "--quiet", $"--initial-branch={branch}"], ct).ConfigureAwait(false);
            return await CommitAndPushAsync(git, work, bare, branch, files, "Initial commit", ct).ConfigureAwait(false);
        }
        finally { Directory.Delete(work, recursive: true); }
    }

    /// <summary>Commits <paramref name="files"/> on top of <paramref name="branch"/> and pushes it, as a person working beside the operator would; returns the commit.</summary>
    public async Task<string> CommitAsync(string name, string branch, IReadOnlyDictionary<string, string> files, string message, CancellationToken ct = default)
    {
        var git = Cli();
        var work = Path.Combine(Directory.CreateTempSubdirectory("commit-").FullName, "w");
        try
        {
            await git.RunCheckedAsync(null, ["clone", "--quiet", "--branch", branch, "--", RepositoryPath(name), work], ct).ConfigureAwait(false);
            return await CommitAndPushAsync(git, work, RepositoryPath(name), branch, files, message, ct).ConfigureAwait(false);
        }
        finally { Directory.Delete(Path.GetDirectoryName(work)!, recursive: true); }
    }

    /// <summary>A file as committed on a branch.</summary>
    public Task<string> ReadFileAsync(string name, string branch, string path, CancellationToken ct = default) =>
        GitAsync(name, ["show", $"refs/heads/{branch}:{path}"], ct);

    /// <summary>The commit a branch points to.</summary>
    public async Task<string> HeadAsync(string name, string branch, CancellationToken ct = default) =>
        (await GitAsync(name, ["rev-parse", $"refs/heads/{branch}"], ct).ConfigureAwait(false)).Trim();

    /// <summary>Any git command in the bare repository (log, show, diff …); returns stdout.</summary>
    public Task<string> GitAsync(string name, IReadOnlyList<string> args, CancellationToken ct = default) =>
        Cli().RunCheckedAsync(RepositoryPath(name), args, ct);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        try { Directory.Delete(_scratch, recursive: true); } catch (IOException) { }
    }

    private GitCli Cli() => new(_scratch, environment: new Dictionary<string, string>
    {
        ["GIT_AUTHOR_NAME"] = LocalAuthor, ["GIT_AUTHOR_EMAIL"] = LocalEmail,
        ["GIT_COMMITTER_NAME"] = LocalAuthor, ["GIT_COMMITTER_EMAIL"] = LocalEmail,
    });

    private static async Task<string> CommitAndPushAsync(GitCli git, string work, string bare, string branch, IReadOnlyDictionary<string, string> files, string message, CancellationToken ct)
    {
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(work, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, content, ct).ConfigureAwait(false);
        }
        await git.RunCheckedAsync(work, ["add", "--all"], ct).ConfigureAwait(false);
        await git.RunCheckedAsync(work, ["commit", "--quiet", "-F", "-"], ct, message).ConfigureAwait(false);
        await git.RunCheckedAsync(work, ["push", "--quiet", bare, $"HEAD:refs/heads/{branch}"], ct).ConfigureAwait(false);
        return (await git.RunCheckedAsync(work, ["rev-parse", "HEAD"], ct).ConfigureAwait(false)).Trim();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var (request, response) = (context.Request, context.Response);
        var presented = request.Headers.Authorization.ToString();
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _expectedAuthorization))
        {
            response.StatusCode = StatusCodes.Status401Unauthorized;
            response.Headers.WWWAuthenticate = "Basic realm=\"git\"";
            return;
        }
        var path = request.Path.Value ?? "";
        if (!RepositoryPath().IsMatch(path) || path.Contains("..", StringComparison.Ordinal))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        // A push starts by reading the refs it will update: the moment another pusher can still get in first.
        if (path.EndsWith("/info/refs", StringComparison.Ordinal) && request.Query["service"] == "git-receive-pack")
        {
            Interlocked.Increment(ref _receivePacks);
            if (BeforeReceivePack is { } hook) await hook(path[1..path.IndexOf(".git/", StringComparison.Ordinal)], context.RequestAborted).ConfigureAwait(false);
        }

        // http-backend reads CONTENT_LENGTH bytes: buffer the (bounded) body to know it, whatever the framing.
        var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        await RunBackendAsync(context, body.ToArray()).ConfigureAwait(false);
    }

    private async Task RunBackendAsync(HttpContext context, byte[] body)
    {
        var request = context.Request;
        var start = new ProcessStartInfo(HttpBackend)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("GIT_", StringComparison.Ordinal)).ToList()) start.Environment.Remove(key);
        start.Environment["GIT_PROJECT_ROOT"] = Root;
        start.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["HOME"] = _scratch;
        start.Environment["REQUEST_METHOD"] = request.Method;
        start.Environment["PATH_INFO"] = request.Path.Value;
        start.Environment["QUERY_STRING"] = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        start.Environment["CONTENT_TYPE"] = request.ContentType ?? "";
        start.Environment["CONTENT_LENGTH"] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["REMOTE_USER"] = Username;
        start.Environment["REMOTE_ADDR"] = context.Connection.RemoteIpAddress?.ToString() ?? "";
        if (request.Headers.ContentEncoding.ToString() is { Length: > 0 } encoding) start.Environment["HTTP_CONTENT_ENCODING"] = encoding;
        if (request.Headers["Git-Protocol"].ToString() is { Length: > 0 } protocol) start.Environment["GIT_PROTOCOL"] = protocol;

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(context.RequestAborted);
        await process.StandardInput.BaseStream.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        process.StandardInput.Close();

        var output = new BufferedStream(process.StandardOutput.BaseStream);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        while (await ReadHeaderLineAsync(output, context.RequestAborted).ConfigureAwait(false) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) continue;
            var (name, value) = (line[..colon].Trim(), line[(colon + 1)..].Trim());
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
                response.StatusCode = int.Parse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            else response.Headers.Append(name, value);
        }
        await output.CopyToAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
        await process.WaitForExitAsync(context.RequestAborted).ConfigureAwait(false);
        await errors.ConfigureAwait(false);
    }

    /// <summary>One CGI header line without its line break; empty at the blank line that ends the headers (or at the end).</summary>
    private static async Task<string> ReadHeaderLineAsync(Stream stream, CancellationToken ct)
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one, ct).ConfigureAwait(false) == 1 && one[0] != '\n')
            if (one[0] != '\r') line.Add(one[0]);
        return Encoding.ASCII.GetString(line.ToArray());
    }
}
