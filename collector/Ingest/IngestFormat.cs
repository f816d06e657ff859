namespace RumCollector.Ingest;

/// <summary>
/// A wire format the collector accepts on its own path: how its body becomes a <see cref="Beacon"/> and
/// where its clients send the key. Every format shares the same admission and pipeline.
/// </summary>
/// <param name="Parse">Pure: the decompressed body → a beacon or the bad fields.</param>
/// <param name="KeyHint">Told to a client that sent no key.</param>
/// <param name="AppField">Where the format carries the app's name, for the error when it is not the key's app.</param>
public sealed record IngestFormat(Func<ReadOnlyMemory<byte>, BeaconParser.Result> Parse, string KeyHint, string AppField = "app")
{
    /// <summary>Our SDK's beacon (docs/beacon.md).</summary>
    public static readonly IngestFormat Beacon = new(BeaconParser.Parse,
        $"send the key in the {IngestEndpoints.KeyHeader} header or the key query parameter");
}
