using System.Net;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Operations;

namespace OgcTiler.Server.Sources;

/// <summary>
/// Follows redirects itself, checking every hop against the access policy before it is requested (the handler below
/// never redirects on its own), and bounds the request: response headers within <c>FirstByteTimeout</c>, the whole
/// body within <c>RequestTimeout</c> at no less than <c>MinBytesPerSecond</c>. Refusals and timeouts come out as
/// <see cref="AccessDeniedException"/> and <see cref="UpstreamTimeoutException"/> naming the URL.
/// </summary>
internal sealed class UpstreamPolicyHandler(IAccessPolicy policy, UpstreamOptions options) : DelegatingHandler
{
    public const int MaxRedirects = 5;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!;
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.RequestTimeout);
        try
        {
            using var firstByte = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
            firstByte.CancelAfter(options.FirstByteTimeout);
            var response = await SendFollowingRedirectsAsync(request, firstByte.Token);
            response.Content = new BoundedContent(response.Content, deadline, options, url);
            return response;
        }
        catch (Exception e)
        {
            deadline.Dispose();
            throw Translate(e, url, cancellationToken);
        }
    }

    private async Task<HttpResponseMessage> SendFollowingRedirectsAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var current = request;
        for (var hop = 0; ; hop++)
        {
            policy.EnsureAllowed(current.RequestUri!.AbsoluteUri);
            var response = await base.SendAsync(current, cancellationToken);
            CountUpstream(current.RequestUri, response);
            if (!IsRedirect(response.StatusCode))
                return response;
            var location = response.Headers.Location;
            var status = response.StatusCode;
            response.Dispose();
            if (location is null)
                throw new UpstreamException($"{current.RequestUri}: HTTP {(int)status} redirect without a Location header", (int)status);
            if (hop == MaxRedirects)
                throw new UpstreamException($"{request.RequestUri}: more than {MaxRedirects} redirects (last to {location})", (int)status);
            var next = location.IsAbsoluteUri ? location : new Uri(current.RequestUri, location);
            if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
                throw new AccessDeniedException($"{current.RequestUri} redirects to '{next.OriginalString}': only http and https redirects are followed");
            current = Redirected(current, next, status);
        }
    }

    private static void CountUpstream(Uri url, HttpResponseMessage response)
    {
        var host = new KeyValuePair<string, object?>("server.address", url.Host);
        ServerMetrics.UpstreamRequests.Add(1, host, new KeyValuePair<string, object?>("http.response.status_code", (int)response.StatusCode));
        if (response.Content.Headers.ContentLength is { } bytes)
            ServerMetrics.UpstreamBytes.Add(bytes, host);
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    /// <summary>The request to send to <paramref name="next"/>: 303 (and 301/302 after a POST) become a GET without body.</summary>
    private static HttpRequestMessage Redirected(HttpRequestMessage previous, Uri next, HttpStatusCode status)
    {
        var toGet = status == HttpStatusCode.SeeOther
            || (previous.Method == HttpMethod.Post && status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found);
        var request = new HttpRequestMessage(toGet ? HttpMethod.Get : previous.Method, next) { Version = previous.Version };
        var sameOrigin = Uri.Compare(previous.RequestUri, next, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
        foreach (var (name, values) in previous.Headers)
        {
            if (sameOrigin || !name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
                request.Headers.TryAddWithoutValidation(name, values);
        }
        if (!toGet)
            request.Content = previous.Content;
        return request;
    }

    private Exception Translate(Exception e, Uri url, CancellationToken cancellationToken) => e switch
    {
        OperationCanceledException when !cancellationToken.IsCancellationRequested =>
            new UpstreamTimeoutException($"{url}: no response within {options.FirstByteTimeout.TotalSeconds:0.###} s (Sources:FirstByteTimeoutSeconds)", e),
        HttpRequestException { InnerException: AccessDeniedException denied } => new AccessDeniedException($"{url}: {denied.Message}"),
        HttpRequestException { InnerException: TimeoutException timeout } => new UpstreamTimeoutException($"{url}: {timeout.Message}", e),
        _ => e,
    };
}
