using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RumOperator.PrometheusApi;

/// <summary>The one registration of the Prometheus client: RumSLO status, the release guard's poller and the console share it.</summary>
public static class PrometheusServices
{
    /// <summary>The Prometheus HTTP client's name in IHttpClientFactory.</summary>
    public const string HttpClientName = "prometheus";

    /// <summary>A query is abandoned after this long; the caller's next interval asks again.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Registers <see cref="PrometheusHttpQuery"/> over <paramref name="url"/> as <see cref="IPrometheusQuery"/> and
    /// <see cref="IPrometheusRangeQuery"/> (unless another client is registered already). Idempotent: the operator's
    /// composition root and the release guard both call it.
    /// </summary>
    public static IServiceCollection AddPrometheusQuery(this IServiceCollection services, Uri url)
    {
        if (services.Any(d => d.ServiceType == typeof(PrometheusHttpQuery))) return services;
        // Relative paths (api/v1/query) resolve under the base only when it ends with '/', e.g. behind a path prefix.
        var baseAddress = url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
        services.AddHttpClient(HttpClientName, http => http.Timeout = Timeout);
        services.AddSingleton(sp => new PrometheusHttpQuery(sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName), baseAddress));
        services.TryAddSingleton<IPrometheusQuery>(sp => sp.GetRequiredService<PrometheusHttpQuery>());
        services.TryAddSingleton<IPrometheusRangeQuery>(sp => sp.GetRequiredService<PrometheusHttpQuery>());
        return services;
    }
}
