using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OgcTiler.Server.Operations;

/// <summary>The OpenAPI 3 document at <c>/api</c> (as TiTiler names it) and its reference page at <c>/api.html</c>.</summary>
internal static class ApiDocument
{
    public const string Route = "/api";

    public const string ReferencePage = "/api.html";

    public static void Configure(OpenApiOptions options) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "OgcTiler",
                Version = typeof(ApiDocument).Assembly.GetName().Version?.ToString(3) ?? "1.0.0",
                Description = "Map tiles, images, statistics and metadata from Cloud-Optimized GeoTIFFs and STAC: "
                    + "a TiTiler-compatible REST API (/cog, /stac), configured layers (/layers), OGC WMTS 1.0.0 (/wmts) and WMS 1.1.1/1.3.0 (/wms).",
            };
            return Task.CompletedTask;
        });
}
