using System.IO.Pipelines;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RumCollector.Config;
using RumCollector.Export;
using RumCollector.Ingest;
using RumCollector.Metrics;
using RumCollector.Tests.Support;

namespace RumCollector.Tests.Trust;

/// <summary>A client trickling its body is cut off after the body-read timeout and frees its ingest slot.</summary>
public sealed class SlowClientTests
{
    [Fact]
    public async Task A_client_that_stops_sending_its_body_gets_408_and_releases_its_slot()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var holder = new StateHolder(time, NullLogger<StateHolder>.Instance);
        var state = holder.Apply(TestConfig.Example());
        var shedder = new LoadShedder(maxInFlight: 1);
        var options = CollectorOptions.From(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        var service = new IngestService(holder, shedder, new IngestPipeline(new ExportQueue(100)), new IdempotencyKeys(time), options, time, NullLogger<IngestService>.Instance);
        var body = new Pipe();
        await body.Writer.WriteAsync("{\"v\":1,"u8.ToArray()); // half a beacon, then nothing
        var client = new ClientContext(Beacons.ChromeUa, IPAddress.Loopback, _ => null, time.GetUtcNow());

        var answer = service.HandleAsync(new IngestRequest(null, "application/json", null, 100, Beacons.Key, body.Reader, client), CancellationToken.None);

        Assert.False(answer.IsCompleted);
        Assert.Equal(1, shedder.InFlight);
        time.Advance(options.BodyTimeout - TimeSpan.FromSeconds(1));
        Assert.False(answer.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        var response = await answer.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(408, response.Status);
        Assert.Equal(0, shedder.InFlight);
        Assert.Equal(1, state.Metrics.BeaconsRejected.WithLabels(DropReason.BodyTimeout).Value);
    }
}
