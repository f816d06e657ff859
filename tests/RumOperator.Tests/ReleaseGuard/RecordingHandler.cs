using System.Net;

namespace RumOperator.Tests.ReleaseGuard;

/// <summary>An HTTP endpoint in a handler: answers with the given codes in turn (the last one repeats) and keeps what it received.</summary>
public sealed class RecordingHandler(params HttpStatusCode[] answers) : HttpMessageHandler
{
    public sealed record Received(string Method, Uri? Uri, IReadOnlyDictionary<string, string> Headers, byte[] Body);

    private readonly List<Received> _received = [];
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first request arrives: something to await instead of sleeping.</summary>
    public Task FirstRequest => _first.Task;

    /// <summary>Answers by request body instead of codes, e.g. a fake Prometheus.</summary>
    public Func<string, string>? JsonAnswer { get; init; }

    public IReadOnlyList<Received> Requests { get { lock (_received) return [.. _received]; } }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        int index;
        lock (_received)
        {
            _received.Add(new Received(request.Method.Method, request.RequestUri, headers, body));
            index = _received.Count - 1;
        }
        _first.TrySetResult();
        if (JsonAnswer is { } answer)
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer(System.Text.Encoding.UTF8.GetString(body)), System.Text.Encoding.UTF8, "application/json") };
        return new HttpResponseMessage(answers[Math.Min(index, answers.Length - 1)]) { Content = new StringContent("answer " + index) };
    }
}
