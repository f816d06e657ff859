using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RumOperator.Objects;
using RumOperator.Runtime.Client;

namespace RumOperator.Controllers;

/// <summary>Brings a custom resource's owned objects to the rendered set: apply what differs, delete what is no longer rendered.</summary>
public sealed class OwnedObjectSync(IClusterClient client, IObjectReader reader, ILogger logger)
{
    /// <summary>Server-side applies each object the live state does not already satisfy; returns the live objects by <see cref="DesiredObject.Key"/>.</summary>
    public async Task<IReadOnlyDictionary<string, JsonObject>> ApplyAsync(IEnumerable<DesiredObject> desired, CancellationToken ct)
    {
        var live = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var d in desired)
        {
            var stamped = AppliedFingerprint.Stamp(d.Body);
            var current = await reader.GetAsync(new KindRef(d.ApiVersion, d.Kind), d.Namespace, d.Name, ct).ConfigureAwait(false);
            if (AppliedFingerprint.IsSatisfiedBy(stamped, current))
            {
                live[d.Key] = current!;
                continue;
            }
            logger.LogInformation("Applying {Kind} {Namespace}/{Name} ({Reason})", d.Kind, d.Namespace, d.Name, current is null ? "missing" : "drifted");
            live[d.Key] = await client.ApplyAsync(stamped, ct).ConfigureAwait(false);
        }
        return live;
    }

    /// <summary>
    /// Deletes objects of <paramref name="kinds"/> that carry the owner label and are controlled by <paramref name="owner"/>
    /// but are not in <paramref name="keep"/> (e.g. a NetworkPolicy after networkPolicy.enabled turned false).
    /// The controller-uid check means a label copied onto someone else's object never gets it deleted.
    /// </summary>
    public async Task<IReadOnlyList<string>> PruneAsync(Owner owner, string ns, IEnumerable<KindRef> kinds, IReadOnlySet<string> keep, CancellationToken ct)
    {
        var selector = $"{ObjectLabels.Owner}={ObjectLabels.OwnerValue(owner.Kind, owner.Name)}";
        var deleted = new List<string>();
        foreach (var kind in kinds)
        {
            foreach (var obj in await reader.ListAsync(kind, ns, selector, ct).ConfigureAwait(false))
            {
                var key = new DesiredObject(kind.ApiVersion, kind.Kind, ns, ObjectMeta.Name(obj), obj).Key;
                if (keep.Contains(key) || !IsControlledBy(obj, owner)) continue;
                logger.LogInformation("Deleting {Kind} {Namespace}/{Name}: no longer rendered for {Owner}", kind.Kind, ns, ObjectMeta.Name(obj), owner.Name);
                if (await client.DeleteAsync(kind.ApiVersion, kind.Kind, ns, ObjectMeta.Name(obj), ct).ConfigureAwait(false))
                    deleted.Add($"{kind.Kind}/{ObjectMeta.Name(obj)}");
            }
        }
        return deleted;
    }

    private static bool IsControlledBy(JsonObject obj, Owner owner) =>
        ObjectMeta.ControllerOwner(obj) is { } reference && reference["uid"]?.GetValue<string>() == owner.Uid;
}
