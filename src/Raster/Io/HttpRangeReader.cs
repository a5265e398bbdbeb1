using System.Net;
using System.Net.Http.Headers;
using OgcTiler.Abstractions.Errors;

namespace OgcTiler.Raster.Io;

/// <summary>
/// Reads a remote file with HTTP range requests (<c>Range: bytes=a-b</c>, 206 expected). Remembers the length and
/// ETag of the first response; a later response with another ETag means the file changed under us.
/// </summary>
internal sealed class HttpRangeReader(HttpClient client, string url) : IRangeReader
{
    private long? _length;
    private string? _etag;
    private DateTimeOffset? _lastModified;

    public string Uri { get; } = url;

    public long? Length => _length;

    public string? ETag => _etag;

    public string Version => _etag ?? _lastModified?.UtcTicks.ToString("x") ?? _length?.ToString("x") ?? "";

    public string? CompressedCacheIdentity =>
        (_etag ?? _lastModified?.UtcTicks.ToString("x")) is { } validator ? $"{Uri}|{validator}|{_length}" : null;

    public async ValueTask<int> ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (destination.Length == 0 || offset >= _length)
            return 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, Uri);
        request.Headers.Range = new RangeHeaderValue(offset, offset + destination.Length - 1);
        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            _length ??= response.Content.Headers.ContentRange?.Length;
            return 0;
        }
        CheckStatus(response);
        CheckRange(response, offset, destination.Length);
        CheckETag(response);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await body.ReadAtLeastAsync(destination, destination.Length, throwOnEndOfStream: false, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new UpstreamException($"{Uri}: reading bytes {offset}-{offset + destination.Length - 1} failed: {e.Message}", null, e);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new UpstreamException($"{Uri}: request failed: {e.Message}", (int?)e.StatusCode, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UpstreamTimeoutException($"{Uri}: request timed out", e);
        }
    }

    private void CheckStatus(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.NotFound)
            throw new ResourceNotFoundException($"not found: {Uri} (HTTP 404)");
        if (!response.IsSuccessStatusCode)
            throw new UpstreamException($"{Uri}: HTTP {status} {response.ReasonPhrase}", status);
        if (response.Content.Headers.ContentType?.MediaType == "text/html")
            throw new UpstreamException($"{Uri}: the server answered an HTML page (HTTP {status}), not the file's bytes", status);
    }

    private void CheckRange(HttpResponseMessage response, long offset, int length)
    {
        if (response.StatusCode == HttpStatusCode.PartialContent)
        {
            var range = response.Content.Headers.ContentRange;
            if (range?.From != offset)
                throw new UpstreamException($"{Uri}: server answered range {range} to a request for bytes {offset}-{offset + length - 1}", 206);
            _length ??= range.Length;
            return;
        }
        // 200: the whole file. Acceptable only when it is what we asked for: the start of a file that fits.
        var total = response.Content.Headers.ContentLength;
        if (offset != 0 || total is null || total > length)
            throw new UpstreamException($"{Uri}: server does not support range requests (HTTP {(int)response.StatusCode} instead of 206)", (int)response.StatusCode);
        _length ??= total;
    }

    private void CheckETag(HttpResponseMessage response)
    {
        _lastModified ??= response.Content.Headers.LastModified;
        var etag = response.Headers.ETag?.Tag;
        if (etag is null)
            return;
        var known = Interlocked.CompareExchange(ref _etag, etag, null);
        if (known is not null && known != etag)
            throw new UpstreamException($"{Uri}: the file changed while being read (ETag {known} became {etag}); retry", 412);
    }
}
