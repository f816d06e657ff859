using System.Threading.Channels;

namespace RumOperator.Runtime.ApiServer;

/// <summary>An open watch: which collection (and namespace) it follows and the frames waiting to be written.</summary>
internal sealed class ApiWatcher(string collection, string? ns, bool bookmarks, Action abort)
{
    public string Collection { get; } = collection;
    public string? Namespace { get; } = ns;
    public bool Bookmarks { get; } = bookmarks;
    public Channel<string> Frames { get; } = Channel.CreateUnbounded<string>();
    public void Abort() => abort();

    public bool Follows(string collection, string? ns) => Collection == collection && (Namespace is null || Namespace == ns);
}
