using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RumOperator.Api;

namespace RumOperator.Web.Admission;

/// <summary>AdmissionReview body in, AdmissionReview out: which requests are judged, and how a verdict becomes an answer.</summary>
public sealed class AdmissionReviewHandler(AdmittedObjectValidator validator, ILogger<AdmissionReviewHandler> logger)
{
    public async Task<(int HttpStatus, JsonObject Review)> HandleAsync(string body, CancellationToken ct)
    {
        if (!AdmissionReviewReader.TryRead(body, out var request, out var malformed))
        {
            logger.LogWarning("Rejected {Problem}", malformed!.ToString());
            var decision = AdmissionDecision.Malformed(malformed);
            return (decision.HttpStatus, decision.ToReview(malformed.Uid));
        }
        var answer = await DecideAsync(request!, ct).ConfigureAwait(false);
        return (answer.HttpStatus, answer.ToReview(request!.Uid));
    }

    private async Task<AdmissionDecision> DecideAsync(AdmissionRequest request, CancellationToken ct)
    {
        if (request.Group != ApiGroup.Group || !AdmittedObjectValidator.Kinds.Contains(request.Kind))
            return AdmissionDecision.Malformed(new MalformedReview(request.Uid, "request.kind",
                $"{request.Group}/{request.Kind} is not validated by this webhook (only {ApiGroup.Group} {string.Join(", ", AdmittedObjectValidator.Kinds)})"));
        if (request.Operation is "DELETE" or "CONNECT") return AdmissionDecision.Allow();
        if (request.Operation == "UPDATE" && (IsBeingDeleted(request.Object!) || SpecUnchanged(request)))
            // Finalizer removal and label edits must never be blocked by a spec that was admitted before a stricter rule existed.
            return AdmissionDecision.Allow();

        var who = $"{request.Kind} {request.Namespace}/{request.Name ?? request.Object!["metadata"]?["name"]?.ToString()}";
        ObjectVerdict verdict;
        try { verdict = await validator.ValidateAsync(request, ct).ConfigureAwait(false); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug must not turn into an HTTP 500 (which the API server reports without our words): deny, say why.
            logger.LogError(e, "Validating {Operation} of {Object} ({Uid}) failed", request.Operation, who, request.Uid);
            return AdmissionDecision.Deny($"{who} could not be validated: internal error ({e.GetType().Name}: {e.Message}); please report it");
        }
        if (verdict.Errors.Count == 0)
        {
            logger.LogDebug("Admitted {Operation} of {Object} ({Uid})", request.Operation, who, request.Uid);
            return AdmissionDecision.Allow(verdict.Warnings);
        }
        logger.LogInformation("Denied {Operation} of {Object} ({Uid}): {Fields}", request.Operation, who, request.Uid,
            string.Join(", ", verdict.Errors.Select(e => e.Field)));
        return AdmissionDecision.Deny($"{who} is invalid: {string.Join("; ", verdict.Errors)}", verdict.Warnings);
    }

    private static bool IsBeingDeleted(JsonObject obj) => obj["metadata"]?["deletionTimestamp"] is not null;

    private static bool SpecUnchanged(AdmissionRequest request) =>
        JsonNode.DeepEquals(request.Object!["spec"], request.OldObject!["spec"]);
}
