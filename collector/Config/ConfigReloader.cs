namespace RumCollector.Config;

/// <summary>
/// Polls the config inputs and applies a changed config without a restart. Kubernetes updates a
/// mounted ConfigMap by swapping a symlink, which file watchers miss, so polling a fingerprint is
/// the reliable way. A broken config is logged and the previous one stays in force.
/// </summary>
public sealed class ConfigReloader(CollectorOptions options, StateHolder holder, TimeProvider time, ILogger<ConfigReloader> logger) : BackgroundService
{
    private string? _fingerprint;

    /// <summary>Why the last load failed, for the startup error in standalone mode.</summary>
    public string? LastError { get; private set; }

    /// <summary>Loads the config if its inputs changed since the last successful check. Returns true when a new config was applied.</summary>
    public bool CheckOnce()
    {
        var fingerprint = options.Source.Fingerprint();
        if (fingerprint == _fingerprint && holder.Ready) return false;
        try
        {
            holder.Apply(options.Source.Load());
            _fingerprint = fingerprint;
            LastError = null;
            return true;
        }
        catch (ConfigException e)
        {
            LastError = e.Message;
            if (fingerprint != _fingerprint)
                logger.LogError("Config from {Source} not applied ({State}): {Error}", options.Source.Description,
                    holder.Ready ? "keeping the previous config" : "not ready", e.Message);
            _fingerprint = fingerprint;
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.ReloadInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) CheckOnce();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
