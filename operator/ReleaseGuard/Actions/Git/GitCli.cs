using System.Diagnostics;
using System.Text;

namespace RumOperator.ReleaseGuard;

/// <summary>What one git command printed; both streams already scrubbed of the credentials.</summary>
public sealed record GitRun(int ExitCode, string Output, string Error)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last lines of stderr (git's "fatal: …"), for a record or an Event.</summary>
    public string Reason => Tail(Error.Length > 0 ? Error : Output);

    private static string Tail(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var tail = string.Join(" ", lines.TakeLast(2));
        return tail.Length <= 300 ? tail : tail[..300] + "...";
    }
}

/// <summary>A git command that failed; its message is scrubbed like its output.</summary>
public sealed class GitCommandException(string message) : Exception(message);

/// <summary>
/// Runs the git CLI with arguments as a list (never through a shell) and an environment of its own: no inherited
/// GIT_* variables, no system or user configuration (HOME is a scratch directory), no prompts, and configuration
/// such as the credential header passed as GIT_CONFIG_KEY_n/VALUE_n so it is never in argv, a URL or a file.
/// Every string in <c>secrets</c> is replaced by *** in what git prints.
/// </summary>
public sealed class GitCli(string home, IReadOnlyList<KeyValuePair<string, string>>? config = null,
    IReadOnlyDictionary<string, string>? environment = null, IReadOnlyList<string>? secrets = null)
{
    public const string Executable = "git";
    private const int MaxOutputChars = 1 << 20;

    public async Task<GitRun> RunAsync(string? workingDirectory, IReadOnlyList<string> args, string? stdin, CancellationToken ct)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory ?? home,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        Isolate(start.Environment);

        using var process = StartProcess(start);
        var output = ReadBoundedAsync(process.StandardOutput);
        var error = ReadBoundedAsync(process.StandardError);
        try
        {
            // git may exit before reading its input (a bad argument): its exit code and stderr say why, not the broken pipe.
            try
            {
                if (stdin is not null) await process.StandardInput.WriteAsync(stdin.AsMemory(), ct).ConfigureAwait(false);
                process.StandardInput.Close();
            }
            catch (IOException) { }
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // git forks git-remote-https and pack helpers: stop them all, or they outlive the deadline.
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw;
        }
        return new GitRun(process.ExitCode, Scrub(await output.ConfigureAwait(false)), Scrub(await error.ConfigureAwait(false)));
    }

    /// <summary>Runs and returns stdout, or throws with git's reason.</summary>
    public async Task<string> RunCheckedAsync(string? workingDirectory, IReadOnlyList<string> args, CancellationToken ct, string? stdin = null)
    {
        var run = await RunAsync(workingDirectory, args, stdin, ct).ConfigureAwait(false);
        return run.Succeeded ? run.Output : throw new GitCommandException($"git {args[0]} failed: {run.Reason}");
    }

    private static Process StartProcess(ProcessStartInfo start)
    {
        try { return Process.Start(start) ?? throw new GitCommandException("git could not be started"); }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new GitCommandException($"the git CLI could not be started ({e.Message}): the operator image installs it, see operator/Dockerfile");
        }
    }

    public string Scrub(string text)
    {
        foreach (var secret in secrets ?? [])
            if (secret.Length > 0) text = text.Replace(secret, "***", StringComparison.Ordinal);
        return text;
    }

    private void Isolate(IDictionary<string, string?> env)
    {
        foreach (var key in env.Keys.Where(k => k.StartsWith("GIT_", StringComparison.Ordinal) || k is "SSH_ASKPASS" or "XDG_CONFIG_HOME").ToList())
            env.Remove(key);
        env["HOME"] = home;
        env["XDG_CONFIG_HOME"] = Path.Combine(home, ".config");
        env["GIT_CONFIG_NOSYSTEM"] = "1";
        env["GIT_TERMINAL_PROMPT"] = "0";
        env["LC_ALL"] = "C";
        var settings = config ?? [];
        env["GIT_CONFIG_COUNT"] = settings.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < settings.Count; i++)
        {
            env[$"GIT_CONFIG_KEY_{i}"] = settings[i].Key;
            env[$"GIT_CONFIG_VALUE_{i}"] = settings[i].Value;
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) env[key] = value;
    }

    private static async Task<string> ReadBoundedAsync(StreamReader reader)
    {
        var text = new StringBuilder();
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            if (text.Length < MaxOutputChars) text.Append(buffer, 0, Math.Min(read, MaxOutputChars - text.Length));
        return text.ToString();
    }
}
