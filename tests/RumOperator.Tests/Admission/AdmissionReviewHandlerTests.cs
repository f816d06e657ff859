using System.Text.Json.Nodes;
using RumOperator.Api;
using RumOperator.Web.Admission;

namespace RumOperator.Tests.Admission;

public class AdmissionReviewHandlerTests
{
    private readonly WebhookFixture _webhook = new();

    [Theory]
    [InlineData("pipeline.yaml")]
    [InlineData("sampling-policy.yaml")]
    [InlineData("slo-checkout-lcp.yaml")]
    [InlineData("slo-checkout-transaction.yaml")]
    [InlineData("slo-js-errors.yaml")]
    [InlineData("slo-page-load.yaml")]
    public async Task Valid_examples_are_allowed_with_their_uid_echoed(string file)
    {
        _webhook.Cluster.Put(AdmissionReviews.Object("pipeline.yaml"));
        var (status, response) = await _webhook.SendAsync(AdmissionReviews.Request(AdmissionReviews.Object(file), uid: "uid-" + file));

        Assert.Equal(200, status);
        Assert.Equal("uid-" + file, response["uid"]!.GetValue<string>());
        Assert.True(response["allowed"]!.GetValue<bool>(), response.ToJsonString());
        Assert.Null(response["status"]);
        Assert.Null(response["warnings"]);
    }

    [Theory]
    [InlineData("invalid/objective-out-of-range.yaml", "spec.objective: 100 is not in (0, 100)")]
    [InlineData("invalid/bad-window.yaml", "spec.window: '4 weeks' is not a positive duration")]
    [InlineData("invalid/bad-group-label.yaml", "spec.groupBy[0]: 'release-tag' is not a collector label")]
    [InlineData("invalid/threshold-not-a-bucket.yaml", "spec.sli.vital.threshold: '2.7s' is not a bucket boundary")]
    [InlineData("invalid/two-slis.yaml", "spec.sli: exactly one of")]
    [InlineData("invalid/unknown-field.yaml", "spec.objectve: unknown field")]
    [InlineData("invalid/rollback-webhook-missing.yaml", "spec.rollback.webhook: is required")]
    [InlineData("invalid/pipeline-bad-route.yaml", "spec.apps[0].routes[0]: 'product/:id' is not a route template")]
    [InlineData("invalid/sampling-rate.yaml", "spec.rules[0].sessionSampleRate: must be between 0 and 1")]
    public async Task Invalid_examples_are_denied_with_422_and_the_field(string file, string expected)
    {
        var obj = AdmissionReviews.Object(file);
        var (status, response) = await _webhook.SendAsync(AdmissionReviews.Request(obj));

        Assert.Equal(200, status);
        Assert.False(response["allowed"]!.GetValue<bool>());
        Assert.Equal(AdmissionDecision.Invalid, response["status"]!["code"]!.GetValue<int>());
        Assert.Equal("Invalid", response["status"]!["reason"]!.GetValue<string>());
        var message = response["status"]!["message"]!.GetValue<string>();
        Assert.StartsWith($"{obj["kind"]} shop/{obj["metadata"]!["name"]} is invalid: ", message);
        Assert.Contains(expected, message);
    }

    [Fact]
    public async Task A_rum_slo_that_relabels_its_alerts_into_another_namespace_is_denied()
    {
        _webhook.Cluster.Put(AdmissionReviews.Object("pipeline.yaml"));
        var obj = AdmissionReviews.Object("slo-page-load.yaml");
        var spec = obj["spec"]!.AsObject();
        spec["alerting"] = new JsonObject { ["page"] = new JsonObject { ["labels"] = new JsonObject { ["namespace"] = "payments" } } };

        var (status, response) = await _webhook.SendAsync(AdmissionReviews.Request(obj));

        Assert.Equal(200, status);
        Assert.False(response["allowed"]!.GetValue<bool>());
        Assert.Contains("spec.alerting.page.labels.namespace: 'namespace' is reserved", response["status"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_error_of_an_object_is_in_the_message()
    {
        var (_, response) = await _webhook.SendAsync(AdmissionReviews.Request(AdmissionReviews.Object("invalid/rollback-webhook-missing.yaml")));

        var message = response["status"]!["message"]!.GetValue<string>();
        Assert.Contains("spec.rollback.webhook:", message);
        Assert.Contains("spec.rollback.cooldown: 'soon'", message);
        Assert.Contains("spec.groupBy: must contain release", message);
    }

    [Fact]
    public async Task A_rum_slo_is_checked_against_its_pipeline_in_the_cluster()
    {
        _webhook.Cluster.Put(AdmissionReviews.Object("pipeline.yaml"));
        var slo = AdmissionReviews.Object("slo-checkout-lcp.yaml");
        slo["spec"]!["groupBy"] = new JsonArray("release", "os");
        slo["spec"]!["app"] = "backoffice";

        var (_, response) = await _webhook.SendAsync(AdmissionReviews.Request(slo));

        Assert.False(response["allowed"]!.GetValue<bool>());
        var message = response["status"]!["message"]!.GetValue<string>();
        Assert.Contains("spec.groupBy: 'os' is not exported by pipeline web", message);
        Assert.Contains("spec.app: 'backoffice' is not an app of pipeline web", message);
    }

    [Fact]
    public async Task Without_its_pipeline_a_rum_slo_gets_the_pipeline_free_checks_and_a_warning()
    {
        var slo = AdmissionReviews.Object("slo-checkout-lcp.yaml");
        slo["spec"]!["groupBy"] = new JsonArray("release", "os");

        var (_, response) = await _webhook.SendAsync(AdmissionReviews.Request(slo));

        Assert.True(response["allowed"]!.GetValue<bool>());
        var warning = Assert.Single(response["warnings"]!.AsArray())!.GetValue<string>();
        Assert.Equal("spec.pipelineRef.name: RumPipeline shop/web not found; checks against its buckets and labels were skipped", warning);
    }

    [Fact]
    public async Task A_pipeline_lookup_that_fails_or_hangs_still_gets_an_answer()
    {
        var slo = AdmissionReviews.Object("invalid/objective-out-of-range.yaml");
        foreach (var source in new IPipelineSource[] { new FailingPipelines(), new HangingPipelines() })
        {
            var (status, response) = await _webhook.SendAsync(AdmissionReviews.Request(slo), source);

            Assert.Equal(200, status);
            Assert.Contains("spec.objective: 100 is not in (0, 100)", response["status"]!["message"]!.GetValue<string>());
            Assert.Contains("could not be read", Assert.Single(response["warnings"]!.AsArray())!.GetValue<string>());
        }
    }

    [Fact]
    public async Task An_internal_error_is_a_denial_that_says_so_not_a_server_error()
    {
        var (status, response) = await _webhook.SendAsync(AdmissionReviews.Request(AdmissionReviews.Object("slo-page-load.yaml")), new BrokenPipelines());

        Assert.Equal(200, status);
        Assert.False(response["allowed"]!.GetValue<bool>());
        Assert.StartsWith("RumSLO shop/storefront-page-load could not be validated: internal error (NullReferenceException", response["status"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Namespace_and_name_come_from_the_request_when_the_body_lacks_them()
    {
        var slo = AdmissionReviews.Object("invalid/bad-window.yaml");
        slo["metadata"]!.AsObject().Remove("namespace");
        var review = AdmissionReviews.Request(slo);
        review["request"]!["namespace"] = "checkout";

        var (_, response) = await _webhook.SendAsync(review);

        Assert.StartsWith("RumSLO checkout/bad-window is invalid: spec.window:", response["status"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_is_always_allowed()
    {
        var invalid = AdmissionReviews.Object("invalid/objective-out-of-range.yaml");
        var (status, response) = await _webhook.SendAsync(AdmissionReviews.Request(null, "DELETE", oldObject: invalid));

        Assert.Equal(200, status);
        Assert.True(response["allowed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_update_is_judged_by_the_new_spec()
    {
        var valid = AdmissionReviews.Object("slo-page-load.yaml");
        var invalid = (JsonObject)valid.DeepClone();
        invalid["spec"]!["objective"] = 100.5m;

        var (_, toInvalid) = await _webhook.SendAsync(AdmissionReviews.Request(invalid, "UPDATE", oldObject: valid));
        var (_, toValid) = await _webhook.SendAsync(AdmissionReviews.Request(valid, "UPDATE", oldObject: invalid));

        Assert.False(toInvalid["allowed"]!.GetValue<bool>());
        Assert.Contains("spec.objective: 100.5 is not in (0, 100)", toInvalid["status"]!["message"]!.GetValue<string>());
        Assert.True(toValid["allowed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_update_that_leaves_an_invalid_spec_alone_is_allowed_so_finalizers_and_labels_can_change()
    {
        var old = AdmissionReviews.Object("invalid/objective-out-of-range.yaml");
        var relabelled = (JsonObject)old.DeepClone();
        relabelled["metadata"]!["labels"] = new JsonObject { ["team"] = "checkout" };
        var deleting = (JsonObject)old.DeepClone();
        deleting["metadata"]!["deletionTimestamp"] = "2025-01-01T00:00:00Z";
        deleting["spec"]!["window"] = "never";

        var (_, labelEdit) = await _webhook.SendAsync(AdmissionReviews.Request(relabelled, "UPDATE", oldObject: old));
        var (_, duringDeletion) = await _webhook.SendAsync(AdmissionReviews.Request(deleting, "UPDATE", oldObject: old));

        Assert.True(labelEdit["allowed"]!.GetValue<bool>());
        Assert.True(duringDeletion["allowed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Status_is_not_judged()
    {
        var slo = AdmissionReviews.Object("slo-page-load.yaml");
        slo["status"] = new JsonObject { ["fieldOfAFutureVersion"] = 1 };

        var (_, response) = await _webhook.SendAsync(AdmissionReviews.Request(slo));

        Assert.True(response["allowed"]!.GetValue<bool>(), response.ToJsonString());
    }

    public static TheoryData<string, string, string> MalformedReviews()
    {
        var valid = AdmissionReviews.Request(AdmissionReviews.Object("slo-page-load.yaml"), uid: "u-1");
        JsonObject With(Action<JsonObject> change)
        {
            var review = (JsonObject)valid.DeepClone();
            change(review);
            return review;
        }
        return new TheoryData<string, string, string>
        {
            { "{\"apiVersion\": ", "", "body: not JSON" },
            { "[1, 2]", "", "body: must be a JSON object" },
            { With(r => r["apiVersion"] = "admission.k8s.io/v1beta1").ToJsonString(), "", "apiVersion: expected admission.k8s.io/v1, got 'admission.k8s.io/v1beta1'" },
            { With(r => r["kind"] = "Pod").ToJsonString(), "", "kind: expected AdmissionReview" },
            { With(r => r.Remove("request")).ToJsonString(), "", "request: is required" },
            { With(r => r["request"]!.AsObject().Remove("uid")).ToJsonString(), "", "request.uid: is required" },
            { With(r => r["request"]!["operation"] = "PATCH").ToJsonString(), "u-1", "request.operation: 'PATCH' is not one of" },
            { With(r => r["request"]!["object"] = null).ToJsonString(), "u-1", "request.object: is required for CREATE" },
            { With(r => r["request"]!["object"] = "text").ToJsonString(), "u-1", "request.object: must be an object" },
            { With(r => r["request"]!["kind"] = new JsonObject()).ToJsonString(), "u-1", "request.kind.kind: is required" },
            { With(r => r["request"]!["kind"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["kind"] = "Pod" }).ToJsonString(), "u-1", "request.kind: /Pod is not validated by this webhook" },
            { With(r => { r["request"]!["operation"] = "UPDATE"; r["request"]!["oldObject"] = null; }).ToJsonString(), "u-1", "request.oldObject: is required for UPDATE" },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedReviews))]
    public async Task A_malformed_review_gets_400_naming_the_field(string body, string uid, string expected)
    {
        var (status, response) = await _webhook.SendAsync(body);

        Assert.Equal(400, status);
        Assert.Equal(uid, response["uid"]!.GetValue<string>());
        Assert.False(response["allowed"]!.GetValue<bool>());
        Assert.Equal(400, response["status"]!["code"]!.GetValue<int>());
        Assert.Contains("malformed AdmissionReview: " + expected, response["status"]!["message"]!.GetValue<string>());
    }

    private sealed class FailingPipelines : IPipelineSource
    {
        public Task<RumPipeline?> GetAsync(string ns, string name, CancellationToken ct) =>
            throw new Runtime.Client.KubernetesApiException(403, "Forbidden", "rumpipelines is forbidden");
    }

    /// <summary>A pipeline no deserializer would produce: stands in for a bug further down.</summary>
    private sealed class BrokenPipelines : IPipelineSource
    {
        public Task<RumPipeline?> GetAsync(string ns, string name, CancellationToken ct) => Task.FromResult<RumPipeline?>(new RumPipeline { Spec = null! });
    }

    private sealed class HangingPipelines : IPipelineSource
    {
        public async Task<RumPipeline?> GetAsync(string ns, string name, CancellationToken ct)
        {
            await Task.Delay(Timeout.Infinite, ct);
            return null;
        }
    }
}
