using RumCollector.Config;

namespace RumCollector.Errors.SourceMaps;

/// <summary>
/// The background half of symbolication: takes the loads the request path queued in the
/// <see cref="SourceMapStore"/>, one at a time, each bounded by the configured timeout, and stores the
/// map or remembers the failure. Counts loads and failures by reason.
/// </summary>
public sealed class SourceMapResolver(SourceMapStore store, SourceMapLoader loader, StateHolder state, ILogger<SourceMapResolver> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await store.Requests.WaitToReadAsync(stoppingToken))
                while (store.Requests.TryRead(out var request))
                    await ResolveAsync(request, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    public async Task ResolveAsync(SourceMapRequest request, CancellationToken stoppingToken)
    {
        var counters = state.Current?.Metrics.SourceMaps;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(request.Settings.TimeoutSeconds));
        try
        {
            var (map, source) = await loader.LoadAsync(request.ScriptUrl, request.Settings, timeout.Token);
            if (store.Store(request.ScriptUrl, map, request.Settings.MaxCacheBytes))
            {
                counters?.Loads.WithLabels(source).Inc();
                logger.LogInformation("Source map of {Script} loaded from {Source}: {Bytes} bytes", request.ScriptUrl, source, map.Bytes);
            }
            else Failed(SourceMapFailure.TooLarge, $"decoded map ({map.Bytes} bytes) exceeds the cache bound");
        }
        catch (SourceMapLoadException e) { Failed(e.Reason, e.Message); }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            Failed(SourceMapFailure.Timeout, $"not loaded within {request.Settings.TimeoutSeconds} s");
        }
        catch (HttpRequestException e) { Failed(SourceMapFailure.HttpError, e.Message); }
        catch (IOException e) { Failed(SourceMapFailure.NotFound, e.Message); }
        catch (UnauthorizedAccessException e) { Failed(SourceMapFailure.NotFound, e.Message); }

        void Failed(string reason, string message)
        {
            store.Fail(request.ScriptUrl);
            counters?.Failures.WithLabels(reason).Inc();
            logger.LogWarning("Source map of {Script} not loaded ({Reason}): {Message}", request.ScriptUrl, reason, message);
        }
    }
}
