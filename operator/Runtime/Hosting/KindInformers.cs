using System.Text.Json.Nodes;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.Informers;

namespace RumOperator.Runtime.Hosting;

/// <summary>One kind's informers: one per watched namespace, or a single cluster-wide one. Reads route by namespace.</summary>
public sealed class KindInformers : IObjectCache
{
    private readonly IReadOnlyList<Informer> _informers;

    internal KindInformers(IReadOnlyList<Informer> informers) => _informers = informers;

    public IReadOnlyList<Informer> Informers => _informers;

    public JsonObject? Get(ObjectKey key) =>
        _informers.Where(i => i.Namespace is null || i.Namespace == key.Namespace).Select(i => i.Store.Get(key)).FirstOrDefault(o => o is not null);

    public IReadOnlyList<JsonObject> List(string? ns = null) => [.. _informers.SelectMany(i => i.Store.List(ns))];

    public void AddHandler(Action<InformerEvent> handler)
    {
        foreach (var informer in _informers) informer.AddHandler(handler);
    }

    public Task Synced => Task.WhenAll(_informers.Select(i => i.Synced));
}
