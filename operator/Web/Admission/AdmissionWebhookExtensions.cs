using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RumOperator.Web.Admission.Certificates;

namespace RumOperator.Web.Admission;

/// <summary>Wires the validating webhook into the operator's web host.</summary>
public static class AdmissionWebhookExtensions
{
    /// <summary>The path the chart's ValidatingWebhookConfiguration calls, for all three kinds.</summary>
    public const string Path = "/validate";

    /// <summary>
    /// The largest AdmissionReview read: the API server stores objects up to 1.5 MiB and a review of an UPDATE
    /// carries two of them plus the wrapping; anything beyond is not from the API server.
    /// </summary>
    public const long MaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Registers the webhook, its certificate (cert-manager's files or self-issued), the refresh loop and the HTTPS
    /// listener. Needs an <see cref="Runtime.Client.IClusterClient"/> in the container (pipeline lookups; caBundle).
    /// </summary>
    public static IServiceCollection AddAdmissionWebhook(this IServiceCollection services, AdmissionWebhookOptions options)
    {
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPipelineSource, ClusterPipelineSource>();
        services.AddSingleton<AdmittedObjectValidator>();
        services.AddSingleton<AdmissionReviewHandler>();
        if (options.CertificateDirectory is { } directory)
            services.AddSingleton<IServingCertificateProvider>(sp =>
                ActivatorUtilities.CreateInstance<DirectoryCertificateProvider>(sp, directory));
        else
        {
            services.TryAddSingleton<ICaBundlePublisher, WebhookCaBundlePublisher>();
            services.AddSingleton<IServingCertificateProvider, SelfSignedCertificateProvider>();
        }
        services.AddHostedService<CertificateRefreshService>();
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, WebhookKestrelSetup>();
        return services;
    }

    /// <summary>POST /validate, answered only on the HTTPS listener: the plain health and metrics ports do not serve it.</summary>
    public static WebApplication MapAdmissionWebhook(this WebApplication app)
    {
        var port = app.Services.GetRequiredService<AdmissionWebhookOptions>().Port;
        app.MapPost(Path, async (HttpContext context, AdmissionReviewHandler handler) =>
        {
            if (!context.Request.IsHttps) return Results.NotFound();
            if (await BoundedBody.ReadAsync(context.Request.Body, context.Request.ContentLength, MaxBodyBytes, context.RequestAborted).ConfigureAwait(false) is not { } bytes)
                return TooLarge();
            var (status, review) = await handler.HandleAsync(Encoding.UTF8.GetString(bytes), context.RequestAborted).ConfigureAwait(false);
            return Results.Json(review, statusCode: status);
        }).RequireListenerPort(port);
        return app;
    }

    private static IResult TooLarge()
    {
        var decision = AdmissionDecision.Malformed(new MalformedReview("", "body", $"larger than {MaxBodyBytes} bytes"));
        return Results.Json(decision.ToReview(""), statusCode: StatusCodes.Status413PayloadTooLarge);
    }
}
