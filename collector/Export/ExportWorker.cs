using RumCollector.Config;
using RumCollector.Metrics;

namespace RumCollector.Export;

/// <summary>
/// Drains the export queue in batches to the configured sinks, retrying with exponential backoff.
/// On shutdown it keeps sending what is queued until <see cref="DrainTimeout"/> has passed.
/// </summary>
public sealed class ExportWorker(ExportQueue queue, ISinkSource sinks, StateHolder state, TimeProvider time, ILogger<ExportWorker> logger)
    : BackgroundService
{
    public const int MaxBatch = 512;
    public const int MaxAttempts = 5;
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource _hardStop = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<ExportEvent>(MaxBatch);
        try
        {
            while (await queue.WaitToReadAsync(stoppingToken))
                await SendAvailableAsync(batch);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        // Shutdown: what was accepted is still sent, within the drain deadline.
        while (!_hardStop.IsCancellationRequested && !queue.IsEmpty)
            await SendAvailableAsync(batch);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        _hardStop.CancelAfter(DrainTimeout);
        return base.StopAsync(cancellationToken);
    }

    private async Task SendAvailableAsync(List<ExportEvent> batch)
    {
        batch.Clear();
        var current = state.Current;
        var sinkList = current is null ? [] : sinks.For(current.Config.Export);
        if (current is null || sinkList.Count == 0)
        {
            // Export is off (or no config yet): the events go nowhere, so they are not even built.
            queue.Discard(MaxBatch);
            return;
        }
        while (batch.Count < MaxBatch && queue.TryDequeue(out var item)) batch.Add(item);
        if (batch.Count == 0) return;
        foreach (var sink in sinkList)
            await SendWithRetryAsync(sink, batch, current.Metrics);
    }

    private async Task SendWithRetryAsync(IEventSink sink, List<ExportEvent> batch, RumMetricSet metrics)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await sink.WriteAsync(batch, _hardStop.Token);
                metrics.Exported.WithLabels(sink.Name).Inc(batch.Count);
                return;
            }
            catch (RetryableExportException e) when (attempt < MaxAttempts && !_hardStop.IsCancellationRequested)
            {
                logger.LogWarning("Export to {Sink} failed (attempt {Attempt}/{Max}), retrying in {Delay}: {Error}", sink.Name, attempt, MaxAttempts, delay, e.Message);
                try { await Task.Delay(delay, time, _hardStop.Token); } catch (OperationCanceledException) { }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
            catch (Exception e) when (e is RetryableExportException or InvalidOperationException or OperationCanceledException)
            {
                logger.LogError("Export to {Sink} gave up on {Count} events: {Error}", sink.Name, batch.Count, e.Message);
                metrics.EventsDropped.WithLabels(DropReason.ExportFailed).Inc(batch.Count);
                return;
            }
        }
    }
}
