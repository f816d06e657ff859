using System.Text.Json;
using System.Text.Json.Nodes;
using RumOperator.Serialization;
using RumOperator.Validation;

namespace RumOperator.Controllers;

/// <summary>Turns an API-server object into its typed custom resource, or a field error saying why it cannot be read.</summary>
public static class CustomResourceReader
{
    public static (T? Resource, FieldError? Error) Read<T>(JsonObject obj) where T : class
    {
        // Status is not needed to reconcile, and other writers (the release guard) may add to it: never let it fail a read.
        var withoutStatus = obj.DeepClone().AsObject();
        withoutStatus.Remove("status");
        try
        {
            return (withoutStatus.Deserialize<T>(RumJson.Lenient), null);
        }
        catch (JsonException e)
        {
            return (null, new FieldError(Manifests.JsonPathToField(e.Path), e.Message.Split(" Path:", 2)[0].Split('\n')[0]));
        }
    }

    /// <summary>The typed resource and its validation errors (a read error counts as one).</summary>
    public static (T? Resource, IReadOnlyList<FieldError> Errors) ReadValid<T>(JsonObject obj, Func<T, IReadOnlyList<FieldError>> validate) where T : class
    {
        var (resource, error) = Read<T>(obj);
        if (error is not null || resource is null) return (null, [error ?? new FieldError("", "empty object")]);
        return (resource, validate(resource));
    }
}
