using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RumOperator.PrometheusApi;

namespace RumOperator.Tests.Controllers;

/// <summary>The real HTTP client against a tiny Kestrel stand-in for Prometheus's /api/v1/query.</summary>
public sealed class PrometheusHttpQueryTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private readonly List<string> _queries = [];
    private (int Code, string Body) _answer;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/prom/api/v1/query", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            lock (_queries) _queries.Add(form["query"].ToString());
            return Results.Text(_answer.Body, "application/json", statusCode: _answer.Code);
        });
        _app.MapPost("/prom/api/v1/query_range", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            lock (_queries) _queries.Add($"{form["query"]} {form["start"]} {form["end"]} {form["step"]}");
            return Results.Text(_answer.Body, "application/json", statusCode: _answer.Code);
        });
        await _app.StartAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private PrometheusHttpQuery Client()
    {
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PrometheusHttpQuery(new HttpClient(), new Uri(address + "/prom/"));
    }

    [Fact]
    public async Task Sends_the_query_and_reads_the_vector()
    {
        _answer = (200, """
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"__name__":"slo:rum_sli:ratio_rate28d","slo":"a","release":"v1"},"value":[1740830400.123,"0.995"]},
              {"metric":{"__name__":"slo:rum_burn_rate:ratio_rate5m","slo":"a"},"value":[1740830400.123,"+Inf"]},
              {"metric":{"__name__":"slo:rum_burn_rate:ratio_rate1h","slo":"a"},"value":[1740830400.123,"NaN"]}
            ]}}
            """);
        const string promql = "{__name__=~\"slo:rum_sli:ratio_rate28d\",slo=\"a b\"}";

        var samples = await Client().QueryAsync(promql, CancellationToken.None);

        Assert.Equal([promql], _queries);
        Assert.Equal(3, samples.Count);
        Assert.Equal(("slo:rum_sli:ratio_rate28d", "v1", 0.995), (samples[0].Name, samples[0].Labels["release"], samples[0].Value));
        Assert.True(double.IsPositiveInfinity(samples[1].Value));
        Assert.True(double.IsNaN(samples[2].Value));
    }

    [Fact]
    public async Task Sends_the_range_and_reads_the_matrix()
    {
        _answer = (200, """
            {"status":"success","data":{"resultType":"matrix","result":[
              {"metric":{"__name__":"slo:rum_error_budget_remaining:ratio","release":"v1"},"values":[[1740830400,"0.5"],[1740830415,"NaN"],[1740830430,"-Inf"]]}
            ]}}
            """);
        var start = DateTimeOffset.FromUnixTimeSeconds(1740830400);

        var series = await Client().QueryRangeAsync("up", start, start.AddMinutes(1), TimeSpan.FromSeconds(15), CancellationToken.None);

        Assert.Equal(["up 1740830400 1740830460 15"], _queries);
        var one = Assert.Single(series);
        Assert.Equal(("slo:rum_error_budget_remaining:ratio", "v1"), (one.Name, one.Labels["release"]));
        Assert.Equal([1740830400d, 1740830415, 1740830430], one.Points.Select(p => p.UnixSeconds));
        Assert.Equal(0.5, one.Points[0].Value);
        Assert.True(double.IsNaN(one.Points[1].Value));
        Assert.True(double.IsNegativeInfinity(one.Points[2].Value));
    }

    [Theory]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[]}}""", "expected matrix, got vector")]
    [InlineData("""{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"many"]]}]}}""", "'many' is not a number")]
    [InlineData("""{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[["now",1]]}]}}""", "expected [timestamp, \"value\"]")]
    public async Task A_bad_range_answer_is_a_PrometheusQueryException(string body, string expected)
    {
        _answer = (200, body);

        var e = await Assert.ThrowsAsync<PrometheusQueryException>(() =>
            Client().QueryRangeAsync("up", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(1), TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData(400, """{"status":"error","errorType":"bad_data","error":"parse error at char 3"}""", "bad_data: parse error at char 3")]
    [InlineData(200, """{"status":"success","data":{"resultType":"matrix","result":[]}}""", "expected vector, got matrix")]
    [InlineData(502, "<html>bad gateway</html>", "not a JSON object")]
    public async Task Failures_become_a_PrometheusQueryException_that_says_why(int code, string body, string expected)
    {
        _answer = (code, body);

        var e = await Assert.ThrowsAsync<PrometheusQueryException>(() => Client().QueryAsync("up", CancellationToken.None));

        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public async Task An_unreachable_Prometheus_is_a_PrometheusQueryException()
    {
        var unreachable = new PrometheusHttpQuery(new HttpClient(), new Uri("http://127.0.0.1:1/"));

        var e = await Assert.ThrowsAsync<PrometheusQueryException>(() => unreachable.QueryAsync("up", CancellationToken.None));

        Assert.Contains("127.0.0.1:1/api/v1/query", e.Message);
    }
}
