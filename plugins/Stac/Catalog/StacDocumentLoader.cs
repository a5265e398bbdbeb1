using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Plugins;

namespace OgcTiler.Plugins.Stac.Catalog;

/// <summary>
/// Fetches STAC JSON documents from local files or HTTP(S) under the host's access policy. Every failure (refused,
/// unreachable, HTTP error, timeout, not JSON) becomes an <see cref="UpstreamException"/> naming the URL and the reason.
/// Documents come back as <see cref="JsonDocument"/> (pooled memory): the caller disposes them.
/// </summary>
internal sealed class StacDocumentLoader(IPluginHost host)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public Task<JsonDocument> GetAsync(string uri, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, uri, body: null, headers: null, cancellationToken);

    /// <summary>Sends a GET or a POST with a JSON body and returns the response, a JSON object.</summary>
    public async Task<JsonDocument> SendAsync(
        HttpMethod method, string uri, JsonObject? body, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        host.EnsureAllowed(uri);
        var bytes = HrefResolver.IsHttp(uri)
            ? await FetchHttpAsync(method, uri, body, headers, cancellationToken)
            : await ReadFileAsync(uri, cancellationToken);
        return ParseObject(uri, bytes);
    }

    private static async Task<byte[]> ReadFileAsync(string uri, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(HrefResolver.LocalPath(uri), cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UpstreamException($"STAC document {uri} could not be read: {ex.Message}", null, ex);
        }
    }

    private async Task<byte[]> FetchHttpAsync(
        HttpMethod method, string uri, JsonObject? body, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/geo+json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(name, value);
        if (body is not null)
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        try
        {
            var client = host.CreateHttpClient();
            using var response = await client.SendAsync(request, timeout.Token);
            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            if (!response.IsSuccessStatusCode)
                throw new UpstreamException(
                    $"STAC request {method} {uri} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}{Excerpt(bytes)}",
                    (int)response.StatusCode);
            return bytes;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UpstreamException($"STAC request {method} {uri} timed out after {Timeout.TotalSeconds:0} s", null, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new UpstreamException($"STAC request {method} {uri} failed: {ex.Message}", null, ex);
        }
    }

    private static JsonDocument ParseObject(string uri, byte[] bytes)
    {
        try
        {
            var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
                return document;
            document.Dispose();
            throw new UpstreamException($"STAC document {uri} is not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new UpstreamException($"STAC document {uri} is not valid JSON: {ex.Message}", null, ex);
        }
    }

    private static string Excerpt(byte[] bytes)
    {
        if (bytes.Length == 0)
            return "";
        var text = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 300)).ReplaceLineEndings(" ");
        return $" ({text})";
    }
}
