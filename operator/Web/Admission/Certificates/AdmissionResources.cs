using RumOperator.Runtime.Client;

namespace RumOperator.Web.Admission.Certificates;

/// <summary>Kinds the webhook's certificate handling addresses, for the cluster client's resource map.</summary>
public static class AdmissionResources
{
    public static readonly ResourceType ValidatingWebhookConfiguration =
        new("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", Namespaced: false);
}
