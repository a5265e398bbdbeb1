using System.Net;
using System.Text;
using OgcTiler.Abstractions.Errors;

namespace OgcTiler.Server.Api.Conformance;

/// <summary>
/// <c>/conformance</c> (OGC API - Common), as TiTiler 2.x's application: the conformance classes of the OGC API doors
/// served here, JSON or HTML.
/// </summary>
internal static class ConformanceEndpoints
{
    /// <summary>
    /// OGC API - Tiles on /cog and /stac <c>tiles</c>, OGC API - Maps on their <c>map</c>. TiTiler lists the Maps
    /// classes under https://; the OGC's identifiers are http:// (docs/titiler-api.md). Common's landing page and
    /// OpenAPI 3.0 classes are left out: there is no landing page and /api is OpenAPI 3.1.
    /// </summary>
    public static readonly string[] Classes =
    [
        "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/html",
        "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/json",
        "http://www.opengis.net/spec/ogcapi-maps-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-maps-1/1.0/conf/crs",
        "http://www.opengis.net/spec/ogcapi-maps-1/1.0/conf/jpeg",
        "http://www.opengis.net/spec/ogcapi-maps-1/1.0/conf/png",
        "http://www.opengis.net/spec/ogcapi-maps-1/1.0/conf/scaling",
        "http://www.opengis.net/spec/ogcapi-maps-1/1.0/conf/scaling/height-definition",
        "http://www.opengis.net/spec/ogcapi-maps-1/1.0/conf/scaling/width-definition",
        "http://www.opengis.net/spec/ogcapi-maps-1/1.0/conf/spatial-subsetting",
        "http://www.opengis.net/spec/ogcapi-maps-1/1.0/conf/spatial-subsetting/bbox-crs",
        "http://www.opengis.net/spec/ogcapi-maps-1/1.0/conf/spatial-subsetting/bbox-definition",
        "http://www.opengis.net/spec/ogcapi-maps-1/1.0/conf/spatial-subsetting/crs-curie",
        "http://www.opengis.net/spec/ogcapi-maps-1/1.0/conf/tiff",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/jpeg",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/png",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tiff",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
    ];

    public static IEndpointRouteBuilder MapConformanceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/conformance", Get).WithSummary("The OGC API conformance classes the server implements");
        return app;
    }

    private static IResult Get(HttpRequest request, string? f)
    {
        if (!WantsHtml(request, f))
            return Results.Json(new { conformsTo = Classes });
        var items = string.Concat(Classes.Select(c => $"<li><a href=\"{WebUtility.HtmlEncode(c)}\">{WebUtility.HtmlEncode(c)}</a></li>"));
        return Results.Content($"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Conformance</title></head><body><h1>Conformance</h1><ul>{items}</ul></body></html>",
            "text/html; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>f=html or f=json decides; without f, an Accept header asking for text/html (JSON otherwise, as TiTiler).</summary>
    private static bool WantsHtml(HttpRequest request, string? f) => f switch
    {
        "html" => true,
        "json" => false,
        null => request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase),
        _ => throw new InvalidParameterException("f", $"f: '{f}' is not one of html, json"),
    };
}
