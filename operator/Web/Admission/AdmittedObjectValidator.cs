using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RumOperator.Api;
using RumOperator.Serialization;
using RumOperator.Slo;
using RumOperator.Validation;

namespace RumOperator.Web.Admission;

/// <summary>The verdict on one object: field errors (deny) and warnings (allowed, shown by kubectl).</summary>
public sealed record ObjectVerdict(IReadOnlyList<FieldError> Errors, IReadOnlyList<string> Warnings);

/// <summary>
/// Checks an admitted RumPipeline, RumSLO or SamplingPolicy with the validators the CLI and the reconcilers use,
/// and for a RumSLO the SLO engine's pipeline-aware checks (threshold on a bucket boundary, exported labels).
/// </summary>
public sealed class AdmittedObjectValidator(IPipelineSource pipelines, AdmissionWebhookOptions options, ILogger<AdmittedObjectValidator> logger)
{
    public static readonly IReadOnlyList<string> Kinds = [RumPipeline.KindName, RumSlo.KindName, SamplingPolicy.KindName];

    public async Task<ObjectVerdict> ValidateAsync(AdmissionRequest request, CancellationToken ct)
    {
        // Status is written through the status subresource, which the webhook does not intercept; judge what users write.
        var json = (JsonObject)request.Object!.DeepClone();
        json.Remove("status");
        FillIdentity(json, request);
        return request.Kind switch
        {
            RumPipeline.KindName => Parse<RumPipeline>(json, p => new ObjectVerdict(Validators.Validate(p), [])),
            SamplingPolicy.KindName => Parse<SamplingPolicy>(json, p => new ObjectVerdict(Validators.Validate(p), [])),
            RumSlo.KindName => await ValidateSloAsync(ResourceJson.Read<RumSlo>(json, Strictness.Strict), ct).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Kind, "not a kind this webhook validates"),
        };
    }

    private static ObjectVerdict Parse<T>(JsonObject json, Func<T, ObjectVerdict> validate) where T : class =>
        ResourceJson.Read<T>(json, Strictness.Strict) is var (value, error) && value is not null ? validate(value) : Rejected(error!);

    private static ObjectVerdict Rejected(FieldError error) => new([error], []);

    private async Task<ObjectVerdict> ValidateSloAsync(ResourceRead<RumSlo> read, CancellationToken ct)
    {
        if (read.Resource is not { } slo) return Rejected(read.Error!);
        var (pipeline, warning) = await LookUpPipelineAsync(slo, ct).ConfigureAwait(false);
        var result = SloEngine.Render(slo, pipeline);
        return new ObjectVerdict(result.Errors, warning is null ? [] : [warning]);
    }

    private async Task<(RumPipeline? Pipeline, string? Warning)> LookUpPipelineAsync(RumSlo slo, CancellationToken ct)
    {
        var name = slo.Spec.PipelineRef.Name;
        if (string.IsNullOrEmpty(name)) return (null, null);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.PipelineLookupTimeout);
        try
        {
            var pipeline = await pipelines.GetAsync(slo.Namespace, name, timeout.Token).ConfigureAwait(false);
            return pipeline is null
                ? (null, $"spec.pipelineRef.name: RumPipeline {slo.Namespace}/{name} not found; checks against its buckets and labels were skipped")
                : (pipeline, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Answering within the API server's timeout matters more than the pipeline-aware checks: the reconciler repeats them.
            logger.LogWarning(e, "Pipeline lookup for RumSLO {Namespace}/{Name} failed; admitting with pipeline-independent checks", slo.Namespace, slo.Name);
            return (null, $"spec.pipelineRef.name: RumPipeline {slo.Namespace}/{name} could not be read; checks against its buckets and labels were skipped");
        }
    }

    /// <summary>kubectl may leave namespace (and generateName the name) out of the body; the request carries them.</summary>
    private static void FillIdentity(JsonObject json, AdmissionRequest request)
    {
        if (json["metadata"] is not JsonObject metadata) json["metadata"] = metadata = new JsonObject();
        if (metadata["namespace"] is null && request.Namespace is not null) metadata["namespace"] = request.Namespace;
        if (metadata["name"] is null && request.Name is not null) metadata["name"] = request.Name;
    }
}
