using System.Collections.Frozen;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Caching;

namespace OgcTiler.Server.Api.Viewer;

/// <summary>
/// /viewer/{path}: the viewer's script and style and the Leaflet files they use (copied from its npm package by
/// update-assets.sh), embedded in the server assembly so map.html works without internet and without npm.
/// </summary>
internal static class ViewerAssets
{
    /// <summary>Logical name prefix of the embedded files (Server.csproj).</summary>
    private const string Prefix = "viewer/";

    private static readonly FrozenDictionary<string, Asset> Files = Load();

    private sealed record Asset(byte[] Bytes, string ContentType, EntityTagHeaderValue ETag);

    public static IEndpointRouteBuilder MapViewerAssets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/viewer/{**path}", Get).ExcludeFromDescription();
        return app;
    }

    private static IResult Get(string path, HttpResponse response)
    {
        if (!Files.TryGetValue(path, out var asset))
            throw new ResourceNotFoundException($"viewer file '{path}' does not exist");
        response.Headers.CacheControl = "public, max-age=86400";
        return Results.Bytes(asset.Bytes, asset.ContentType, entityTag: asset.ETag);
    }

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(ViewerAssets).Assembly;
        var types = new FileExtensionContentTypeProvider();
        var files = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var type = types.TryGetContentType(name, out var known) ? known : "text/plain"; // LICENSE
            if (type.StartsWith("text/", StringComparison.Ordinal))
                type += "; charset=utf-8";
            files[name[Prefix.Length..]] = new Asset(bytes, type, new EntityTagHeaderValue(TileCache.ETagOf(bytes)));
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
