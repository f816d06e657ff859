using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using RumOperator.Controllers;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.InMemory;
using RumOperator.Web.Admission;
using RumOperator.Web.Admission.Certificates;

namespace RumOperator.Tests.Admission;

/// <summary>The webhook's handler over an in-memory cluster, which holds the pipelines RumSLOs are checked against.</summary>
public sealed class WebhookFixture
{
    public InMemoryCluster Cluster { get; } = new(resources: OperatorResources.Map);

    public AdmissionReviewHandler Handler(IPipelineSource? pipelines = null) => new(
        new AdmittedObjectValidator(pipelines ?? new ClusterPipelineSource(Cluster), new AdmissionWebhookOptions(), NullLogger<AdmittedObjectValidator>.Instance),
        NullLogger<AdmissionReviewHandler>.Instance);

    public async Task<(int Status, JsonObject Response)> SendAsync(JsonObject review, IPipelineSource? pipelines = null) =>
        await SendAsync(review.ToJsonString(), pipelines);

    public async Task<(int Status, JsonObject Response)> SendAsync(string body, IPipelineSource? pipelines = null)
    {
        var (status, answer) = await Handler(pipelines).HandleAsync(body, CancellationToken.None);
        // What the API server reads: serialise and parse again, as it arrives on the wire.
        var wire = JsonNode.Parse(answer.ToJsonString())!.AsObject();
        Assert.Equal("admission.k8s.io/v1", wire["apiVersion"]!.GetValue<string>());
        Assert.Equal("AdmissionReview", wire["kind"]!.GetValue<string>());
        return (status, wire["response"]!.AsObject());
    }
}
