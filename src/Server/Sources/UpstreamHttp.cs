using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Http.Resilience;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Configuration;
using Polly;

namespace OgcTiler.Server.Sources;

/// <summary>
/// The one HttpClient configuration of every upstream request (the raster engine's and the plugins'): each redirect
/// hop and each connected address checked by the <see cref="IAccessPolicy"/>, the <c>Sources</c> timeouts, and
/// bounded retries of transient failures.
/// </summary>
public static class UpstreamHttp
{
    public const string ClientName = "upstream";

    public static IServiceCollection AddUpstreamHttp(this IServiceCollection services)
    {
        services.AddHttpClient(ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => CreateSocketsHandler(
                sp.GetRequiredService<IAccessPolicy>(), sp.GetRequiredService<ServerOptions>().Sources.Upstream))
            .AddHttpMessageHandler(sp => new UpstreamPolicyHandler(
                sp.GetRequiredService<IAccessPolicy>(), sp.GetRequiredService<ServerOptions>().Sources.Upstream))
            .AddResilienceHandler("retry", (builder, context) =>
            {
                var retries = context.ServiceProvider.GetRequiredService<ServerOptions>().Sources.Upstream.Retries;
                if (retries > 0)
                    builder.AddRetry(RetryOptions(retries));
            });
        return services;
    }

    private static HttpRetryStrategyOptions RetryOptions(int retries) => new()
    {
        MaxRetryAttempts = retries,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = TimeSpan.FromMilliseconds(100),
        ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
    };

    /// <summary>5xx (but 501), 408, 429 and transport errors; not a refused address or a connect timeout.</summary>
    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is not HttpRequestException { InnerException: AccessDeniedException or TimeoutException }
        && outcome.Result?.StatusCode != HttpStatusCode.NotImplemented
        && HttpClientResiliencePredicates.IsTransient(outcome);

    private static SocketsHttpHandler CreateSocketsHandler(IAccessPolicy policy, UpstreamOptions options) => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        UseCookies = false,
        ConnectCallback = (context, cancellationToken) => ConnectAsync(policy, options.ConnectTimeout, context.DnsEndPoint, cancellationToken),
    };

    /// <summary>
    /// Resolves the host and connects only to addresses the policy allows, so a name that resolves (or re-resolves)
    /// to loopback, a private network or a metadata service is refused.
    /// </summary>
    private static async ValueTask<Stream> ConnectAsync(IAccessPolicy policy, TimeSpan timeout, DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            var addresses = IPAddress.TryParse(endPoint.Host, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(endPoint.Host, deadline.Token);
            var allowed = addresses.Where(policy.IsAddressAllowed).ToArray();
            if (allowed.Length == 0)
                throw new AccessDeniedException(
                    $"upstream host '{endPoint.Host}' resolves to {string.Join(", ", addresses.AsEnumerable())}, which is not a public address (see Sources:AllowedNetworks)");
            await socket.ConnectAsync(allowed, endPoint.Port, deadline.Token);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"connecting to {endPoint.Host}:{endPoint.Port} took longer than {timeout.TotalSeconds:0.###} s (Sources:ConnectTimeoutSeconds)");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
