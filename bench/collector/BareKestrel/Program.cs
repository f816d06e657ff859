// The baseline: Kestrel reading the same body and answering 202, nothing else.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var buffer = new byte[1 << 20];
async Task<IResult> Drain(HttpContext http)
{
    var body = http.Request.Body;
    while (await body.ReadAsync(buffer) > 0) { }
    return Results.StatusCode(202);
}
app.MapPost("/v1/rum", (Delegate)Drain);
// The same endpoint as a local OTLP/HTTP logs sink for the export bench (2xx: accepted).
app.MapPost("/v1/logs", (Delegate)Drain);
app.Run();
