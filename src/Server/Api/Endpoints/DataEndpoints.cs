using System.Text.Json.Nodes;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Server.Api.Grids;
using OgcTiler.Server.Api.Sources;
using OgcTiler.Server.Api.Statistics;
using OgcTiler.Server.Api.Titiler;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Api.Endpoints;

/// <summary><c>statistics</c> (GET over the whole source, POST per GeoJSON feature) and <c>point/{lon},{lat}</c>.</summary>
internal static class DataEndpoints
{
    public static async Task<IResult> StatisticsAsync(ISourceResolver resolver, HttpContext context, TilerRequests requests, IRenderPipeline pipeline)
    {
        var prepared = await requests.PrepareAsync(resolver, context.Request, context.RequestAborted);
        var query = prepared.Query;
        var parameters = StatisticsParameters.Parse(query);
        var grid = requests.Grids.Preview(prepared.Source.Info, query.String("dst_crs"), ImageSize.Parse(query, 1024));
        using var data = await pipeline.ReadAsync(new RenderRequest(prepared.Source, grid, prepared.Options, ImageFormat.Npy), context.RequestAborted);
        return Results.Json(PerBand(data, BandLabels.Of(data, prepared), parameters));
    }

    public static async Task<IResult> FeatureStatisticsAsync(ISourceResolver resolver, HttpContext context, TilerRequests requests, IRenderPipeline pipeline)
    {
        var (root, features) = GeoJsonFeatures.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted));
        var query = new QueryReader(context.Request.Query);
        var parameters = StatisticsParameters.Parse(query);
        foreach (var feature in features)
        {
            var prepared = await requests.PrepareAsync(resolver, context.Request, context.RequestAborted, feature);
            var grid = requests.Grids.Part(prepared.Source.Info, feature.Bounds, query.String("coord_crs"), query.String("dst_crs"),
                ImageSize.Parse(query, null), alignToSource: true);
            using var data = await pipeline.ReadAsync(new RenderRequest(prepared.Source, grid, prepared.Options, ImageFormat.Npy), context.RequestAborted);
            var properties = feature.Json["properties"] as JsonObject ?? [];
            feature.Json["properties"] = properties;
            var weights = prepared.Coverage!.For(grid);
            properties["statistics"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(PerBand(data, BandLabels.Of(data, prepared), parameters, weights)));
        }
        return Results.Text(root.ToJsonString(), "application/geo+json");
    }

    /// <summary>/stac asset_statistics: per asset, statistics of its bands ("b1"…) over the preview grid, each asset with its own mask.</summary>
    public static async Task<IResult> AssetStatisticsAsync(ISourceResolver resolver, HttpContext context, TilerRequests requests, IRenderPipeline pipeline)
    {
        var query = new QueryReader(context.Request.Query);
        var parameters = StatisticsParameters.Parse(query);
        var source = await resolver.OpenAsync(query, context.RequestAborted);
        var grid = requests.Grids.Preview(source.Info, query.String("dst_crs"), ImageSize.Parse(query, 1024));
        var options = RenderParameters.Parse(context.Request.Query);
        var available = AssetBands.Of(source.Info);
        var result = new Dictionary<string, object?>();
        foreach (var (asset, indexes) in AssetSelector.PerAssetIndexes(query, available))
        {
            var bands = indexes.Select(i => $"{asset.Name}_b{i}").ToArray();
            using var data = await pipeline.ReadAsync(new RenderRequest(source, grid, options with { Bidx = null, Expression = null, Bands = bands }, ImageFormat.Npy),
                context.RequestAborted);
            var perBand = new Dictionary<string, object?>();
            for (var b = 0; b < indexes.Count; b++)
                perBand[$"b{indexes[b]}"] = StatisticsCalculator.Compute(data.Band(b), data.Mask, parameters).ToJson($"b{indexes[b]}");
            result[asset.Key] = perBand;
        }
        return Results.Json(result);
    }

    public static async Task<IResult> PointAsync(ISourceResolver resolver, string coordinates, HttpContext context, TilerRequests requests, IRenderPipeline pipeline)
    {
        var (lon, lat) = ParsePoint(coordinates);
        var prepared = await requests.PrepareAsync(resolver, context.Request, context.RequestAborted);
        var grid = requests.Grids.Point(prepared.Source.Info, lon, lat, prepared.Query.String("coord_crs"), prepared.Options.Nodata)
            ?? throw new ResourceNotFoundException($"point outside bounds: ({lon}, {lat}) is not inside {prepared.Source.Id}");
        using var data = await pipeline.ReadAsync(new RenderRequest(prepared.Source, grid, prepared.Options, ImageFormat.Npy), context.RequestAborted);
        var labels = BandLabels.Of(data, prepared);
        return Results.Json(new Dictionary<string, object?>
        {
            ["coordinates"] = new[] { lon, lat },
            ["values"] = PointValues(data),
            ["band_names"] = labels.Names,
            ["band_descriptions"] = labels.Descriptions,
        });
    }

    /// <summary>Statistics keyed by band name; bands of the same name (bidx=1&amp;bidx=1) are one entry, as in TiTiler.</summary>
    /// <param name="weights">Per-pixel weights (a feature's coverage), or null for none.</param>
    private static Dictionary<string, object?> PerBand(RasterData data, BandLabels labels, StatisticsParameters parameters, float[]? weights = null)
    {
        var result = new Dictionary<string, object?>();
        for (var b = 0; b < data.BandCount; b++)
            result[labels.Names[b]] = StatisticsCalculator.Compute(data.Band(b), data.Mask, parameters, weights).ToJson(labels.Descriptions[b]);
        return result;
    }

    /// <summary>The one pixel's value per band; null where it is masked or not finite.</summary>
    internal static double?[] PointValues(RasterData data)
    {
        var valid = data.Mask[0] != 0;
        return Enumerable.Range(0, data.BandCount).Select(b => valid && float.IsFinite(data.Band(b)[0]) ? (double?)data.Band(b)[0] : null).ToArray();
    }

    internal static (double Lon, double Lat) ParsePoint(string text)
    {
        var parts = text.Split(',');
        if (parts.Length != 2)
            throw new InvalidParameterException("point", $"point: '{text}' is not lon,lat");
        var lon = QueryReader.ParseDouble("lon", parts[0]);
        var lat = QueryReader.ParseDouble("lat", parts[1]);
        if (double.IsNaN(lon) || double.IsNaN(lat))
            throw new InvalidParameterException("point", $"point: '{text}' is not lon,lat");
        return (lon, lat);
    }
}
