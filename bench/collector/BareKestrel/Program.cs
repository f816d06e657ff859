// The baseline: Kestrel reading the same body and answering 202, nothing else.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var buffer = new byte[1 << 20];
app.MapPost("/v1/rum", async (HttpContext http) =>
{
    var body = http.Request.Body;
    while (await body.ReadAsync(buffer) > 0) { }
    return Results.StatusCode(202);
});
app.Run();
