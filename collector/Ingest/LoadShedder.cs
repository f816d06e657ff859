namespace RumCollector.Ingest;

/// <summary>
/// Bounds the beacons being read and processed at once. Each holds at most two beacon buffers, so
/// memory stays under maxInFlight × 2 × maxBeaconBytes; beyond the bound the answer is 503 at once.
/// </summary>
public sealed class LoadShedder(int maxInFlight)
{
    private int _inFlight;

    public int InFlight => Volatile.Read(ref _inFlight);

    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _inFlight) <= maxInFlight) return true;
        Interlocked.Decrement(ref _inFlight);
        return false;
    }

    public void Exit() => Interlocked.Decrement(ref _inFlight);
}
