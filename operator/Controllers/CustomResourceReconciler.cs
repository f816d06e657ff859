using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RumOperator.Api;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.Controllers;
using RumOperator.Serialization;
using RumOperator.Validation;

namespace RumOperator.Controllers;

/// <summary>One reconcile of a custom resource: the object as stored, its namespace and generation, and its status draft.</summary>
public sealed record Reconciling<TStatus>(JsonObject Object, string Namespace, long Generation, StatusDraft<TStatus> Draft)
    where TStatus : class, ICustomResourceStatus;

/// <summary>
/// What every custom-resource reconciler does before its own work: get the object (from the cache), skip it when it
/// is gone or being deleted (owned objects carry owner references: the garbage collector removes them, no finalizer
/// needed), read it and validate it. An invalid one gets Ready=False and Degraded=True naming every field and reason,
/// and nothing is applied or pruned: the last good objects stay, so a typo does not silence alerts that were working.
/// </summary>
public abstract class CustomResourceReconciler<TResource, TStatus> : IReconciler
    where TResource : class
    where TStatus : class, ICustomResourceStatus
{
    private readonly KindRef _kind;

    protected CustomResourceReconciler(KindRef kind, IClusterClient client, IObjectReader reader, ReconcilerOptions options, ILogger logger)
    {
        _kind = kind;
        Client = client;
        Reader = reader;
        Options = options;
        Logger = logger;
        Status = new StatusWriter(client);
    }

    protected IClusterClient Client { get; }
    protected IObjectReader Reader { get; }
    protected ReconcilerOptions Options { get; }
    protected ILogger Logger { get; }
    protected StatusWriter Status { get; }

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var ns = key.Namespace ?? "default";
        var obj = await Reader.GetAsync(_kind, ns, key.Name, ct).ConfigureAwait(false);
        if (obj is null || ObjectMeta.IsBeingDeleted(obj)) return ReconcileResult.Done;

        var state = new Reconciling<TStatus>(obj, ns, ObjectMeta.Generation(obj), new StatusDraft<TStatus>(obj, Options.Time.GetUtcNow()));
        var (resource, errors) = ReadValid<TResource>(obj, Validate);
        return resource is null
            ? await InvalidAsync(state, errors, ct).ConfigureAwait(false)
            : await ReconcileAsync(resource, state, ct).ConfigureAwait(false);
    }

    /// <summary>The reconciler's own work, on a resource that read and validated.</summary>
    protected abstract Task<ReconcileResult> ReconcileAsync(TResource resource, Reconciling<TStatus> state, CancellationToken ct);

    protected abstract IReadOnlyList<FieldError> Validate(TResource resource);

    /// <summary>Owned status fields an invalid resource reports besides its conditions (none unless overridden).</summary>
    protected virtual void DescribeInvalid(StatusDraft<TStatus> draft) { }

    /// <summary>Reports the errors in status (Ready=False, Degraded=True) and an Event; nothing is applied.</summary>
    protected async Task<ReconcileResult> InvalidAsync(Reconciling<TStatus> state, IReadOnlyList<FieldError> errors, CancellationToken ct)
    {
        Logger.LogWarning("{Kind} {Namespace}/{Name} is invalid: {Errors}", _kind.Kind, state.Namespace, ObjectMeta.Name(state.Object), string.Join("; ", errors));
        DescribeInvalid(state.Draft);
        await Status.WriteAsync(state.Object, state.Draft, Verdicts.MarkInvalid(state.Draft, errors, state.Generation), ct).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    /// <summary>
    /// A custom resource as the reconcilers read it: leniently (it may carry fields of newer versions), without its
    /// status (others write there), validated. Null with the errors when it does not read or validate.
    /// </summary>
    protected static (T? Resource, IReadOnlyList<FieldError> Errors) ReadValid<T>(JsonObject obj, Func<T, IReadOnlyList<FieldError>> validate) where T : class =>
        ResourceJson.ReadValid(obj, Strictness.Lenient, validate, ignoreStatus: true);

    /// <summary>The valid resources of a kind in a namespace; one that does not read or validate reports itself in its own status and is left out.</summary>
    protected async Task<IReadOnlyList<T>> ListValidAsync<T>(KindRef kind, string ns, Func<T, IReadOnlyList<FieldError>> validate, CancellationToken ct) where T : class
    {
        var valid = new List<T>();
        foreach (var obj in await Reader.ListAsync(kind, ns, null, ct).ConfigureAwait(false))
            if (ReadValid(obj, validate).Resource is { } resource) valid.Add(resource);
        return valid;
    }
}
