using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Layers;

namespace OgcTiler.Server.Api.Layers;

/// <summary>The JSON of /layers and /layers/{id}.</summary>
internal static class LayerDocuments
{
    public static object Summary(HttpRequest request, LayerDefinition layer)
    {
        var self = $"{BaseUrl(request)}/layers/{layer.Id}";
        return new
        {
            id = layer.Id,
            title = layer.Title ?? layer.Id,
            description = layer.Abstract,
            sourceType = layer.Source.Type,
            styles = LayerStyles.Names(layer),
            tileMatrixSets = layer.TileMatrixSets,
            links = new object[]
            {
                new { rel = "self", type = "application/json", href = self },
                new { rel = "item", type = "image/png", templated = true, href = self + "/tiles/{tileMatrixSetId}/{z}/{x}/{y}.png" },
            },
        };
    }

    public static object Details(HttpRequest request, LayerDefinition layer, SourceInfo info) => new
    {
        layer = Summary(request, layer),
        crs = info.Crs,
        bounds = Box(Antimeridian.Wrap(info.Wgs84Bounds)), // west > east across the antimeridian, as tilejson
        nativeBounds = Box(info.NativeBounds),
        width = info.Width,
        height = info.Height,
        resolution = info.NativeResolution,
        dtype = info.DataType.ToString().ToLowerInvariant(),
        nodata = info.Nodata,
        bands = info.BandNames.Select((name, i) => new { name, description = i < info.Bands.Count ? info.Bands[i].Description : null }),
    };

    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static double[] Box(Bounds b) => [b.MinX, b.MinY, b.MaxX, b.MaxY];
}
