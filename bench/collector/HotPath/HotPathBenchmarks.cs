using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using RumCollector.Config;
using RumCollector.Enrichment;
using RumCollector.Export;
using RumCollector.Ingest;
using RumCollector.Privacy;

namespace RumCollector.Bench;

/// <summary>
/// The collector's hot path on the wrk beacon (bench/collector/beacon-20.json, 20 mixed events) and
/// the wrk bench pipeline. Stages are cumulative (parse, + privacy, + enrichment, everything), because
/// privacy rewrites the beacon it is given; a stage's own cost is the difference to the one before.
/// Figures are per event (OperationsPerInvoke = events per beacon).
/// </summary>
public class HotPathBenchmarks
{
    private const int EventsPerBeacon = 20;
    private const string ChromeOnWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private byte[] _body = [];
    private CollectorState _state = null!;
    private ExportQueue _queue = null!;
    private IngestPipeline _pipeline = null!;
    private ClientContext _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        var directory = AppContext.BaseDirectory;
        _body = File.ReadAllBytes(Path.Combine(directory, "beacon-20.json"));
        var snapshot = ManifestConfigLoader.Load(Path.Combine(directory, "pipeline.yaml"), null);
        _state = new StateHolder(TimeProvider.System, NullLogger<StateHolder>.Instance).Apply(snapshot);
        _queue = new ExportQueue(_state.Config.Export.QueueSize);
        _pipeline = new IngestPipeline(_queue);
        _client = new ClientContext(ChromeOnWindows, IPAddress.Parse("203.0.113.77"), _ => null, DateTimeOffset.UtcNow);
        var check = BeaconParser.Parse(_body);
        if (check.Beacon?.Events.Count != EventsPerBeacon)
            throw new InvalidOperationException($"the bench beacon must hold {EventsPerBeacon} valid events: {string.Join("; ", check.Errors)}");
    }

    [Benchmark(OperationsPerInvoke = EventsPerBeacon)]
    public Beacon Parse() => BeaconParser.Parse(_body).Beacon!;

    [Benchmark(OperationsPerInvoke = EventsPerBeacon)]
    public PrivacyResult ParsePrivacy() => PrivacyStage.Apply(_state, Parse(), _client.RemoteIp, ConsentDecision.Full);

    [Benchmark(OperationsPerInvoke = EventsPerBeacon)]
    public ClientInfo ParsePrivacyEnrich()
    {
        var beacon = Parse();
        PrivacyStage.Apply(_state, beacon, _client.RemoteIp, ConsentDecision.Full);
        CountryResolver.Resolve(_state.Config.Enrichment.GeoHeaders, _client.Header);
        TraceParent.TraceId(beacon.Traceparent);
        return UserAgentParser.Parse(_client.UserAgent, _state.Config.Enrichment.AllowHeadless);
    }

    /// <summary>Everything after admission: parse, consent, bot filter, privacy, enrichment, metrics, sampling, export queue.</summary>
    [Benchmark(OperationsPerInvoke = EventsPerBeacon)]
    public ProcessResult ParseToRecord()
    {
        var result = _pipeline.Process(_state, Parse(), _client);
        // The export worker's side of the queue; without it the queue fills and every event becomes a counted drop.
        while (_queue.TryDequeue(out _)) { }
        return result;
    }
}
