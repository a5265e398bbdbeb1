using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using OgcTiler.Raster.Tiling;
using OgcTiler.Server.Api.Algorithms;
using OgcTiler.Server.Plugins;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Operations;

/// <summary>
/// The query parameters of the REST routes for the OpenAPI document. The endpoints read their query by hand (TiTiler's
/// names and forms), so the framework cannot see them: this table describes them, with the enums the server knows
/// (TileMatrixSets, formats, resampling methods, colormaps, algorithms) read when the document is made.
/// </summary>
internal static class ApiParameters
{
    private enum Kind { String, Integer, Number, Boolean }

    /// <param name="Example">A value that works on the demo data, shown by the reference page.</param>
    private sealed record Parameter(string Name, Kind Type, string Description, Func<IServiceProvider, IEnumerable<string>>? Enum = null, string? Example = null);

    private static readonly Parameter[] Dataset =
    [
        new("bidx", Kind.String, "band indexes, 1-based, comma-separated or repeated", Example: "3,2,1"),
        new("expression", Kind.String, "band math over b1..bN; ';' separates output bands", Example: "(b4-b3)/(b4+b3)"),
        new("nodata", Kind.Number, "overrides the dataset's nodata value (a number or nan)", Example: "0"),
        new("unscale", Kind.Boolean, "applies the dataset's scale and offset"),
        new("resampling", Kind.String, "resampling when reading overviews", _ => Resamplings.Names, "bilinear"),
        new("reproject", Kind.String, "resampling when warping to another CRS", _ => Resamplings.Names, "bilinear"),
    ];

    private static readonly Parameter[] Stac =
    [
        new("assets", Kind.String, "asset names (repeated); TiTiler 2.x form name|indexes=1,2 or name|expression=...", Example: "visual"),
        new("asset_as_band", Kind.Boolean, "expression names whole assets (B04) rather than asset bands (B04_b1)"),
        new("asset_bidx", Kind.String, "per-asset band indexes, asset|1,2 (TiTiler 1.x)"),
    ];

    private static readonly Parameter[] Render =
    [
        new("rescale", Kind.String, "min,max per output band (repeated), min < max", Example: "0,3000"),
        new("color_formula", Kind.String, "rio-color operations", Example: "gamma rgb 1.5 sigmoidal rgb 10 0.3 saturation 1.2"),
        new("colormap_name", Kind.String, "a named colormap for one-band pictures", ColormapNames, "viridis"),
        new("colormap", Kind.String, "a JSON colormap: {\"value\": [r, g, b, a]} or intervals", Example: "{\"1000\": [255, 0, 0, 255], \"2000\": [0, 0, 255, 255]}"),
        new("return_mask", Kind.Boolean, "adds the mask as alpha (default true)"),
        new("algorithm", Kind.String, "a pixel algorithm applied before rendering", _ => AlgorithmParser.Names),
        new("algorithm_params", Kind.String, "the algorithm's parameters as JSON"),
    ];

    private static readonly Parameter[] Tile =
    [
        new("tilesize", Kind.Integer, "output tile size in pixels (default the TileMatrixSet's)", Example: "512"),
        new("buffer", Kind.Number, "pixels added around the tile"),
        new("padding", Kind.Integer, "pixels read around the tile and cropped off"),
    ];

    private static readonly Parameter CoordCrs = new("coord_crs", Kind.String, "CRS of the coordinates in the path (default EPSG:4326)", Example: "EPSG:4326");

    private static readonly Parameter[] Image =
    [
        new("max_size", Kind.Integer, "longest side of the output (0: full resolution)", Example: "1024"),
        new("width", Kind.Integer, "output width in pixels"),
        new("height", Kind.Integer, "output height in pixels"),
        new("dst_crs", Kind.String, "CRS of the output (EPSG:n or an OGC CRS URI)", Example: "EPSG:3857"),
        CoordCrs,
    ];

    private static readonly Parameter[] Statistics =
    [
        new("categorical", Kind.Boolean, "counts of each value instead of a histogram"),
        new("c", Kind.Number, "category values to count (repeated)"),
        new("p", Kind.Integer, "percentiles to compute (repeated; default 2 and 98)", Example: "98"),
        new("histogram_bins", Kind.String, "number of bins, or bin edges comma-separated (default 10)"),
        new("histogram_range", Kind.String, "min,max of the histogram"),
    ];

    private static readonly Parameter[] Series =
    [
        new("bbox", Kind.String, "minx,miny,maxx,maxy in coord_crs (GET; POST sends a GeoJSON geometry instead)"),
        new("group_by", Kind.String, "one date per UTC day (mosaic of its items) or per item", _ => ["day", "item"]),
    ];

    private static readonly Parameter Url = new("url", Kind.String, "path or URL of the dataset (a COG for /cog, a STAC item for /stac)", Example: "https://data.example.com/scene/cog.tif");

    private static readonly Parameter Style = new("style", Kind.String, "a named style of the layer (default its Render)", Example: "default");

    /// <summary>The values of a path parameter that come from a table, or null.</summary>
    private static IEnumerable<string>? PathValues(string name, string path, IServiceProvider services) => name switch
    {
        "tms" or "set" => services.GetRequiredService<TileMatrixSetRegistry>().All.Select(s => s.Id),
        "format" when path.StartsWith("/layers/", StringComparison.Ordinal) => ImageFormats.PictureNames,
        "format" => ImageFormats.ByName.Keys,
        _ => null,
    };

    /// <summary>The problem+json answers every REST route may give (TiTiler's status codes on /cog and /stac).</summary>
    private static readonly (string Status, string Description)[] Problems =
    [
        ("400", "a parameter is wrong (its name and the valid values are in the problem's detail)"),
        ("403", "the path or URL is outside Sources:AllowedRoots / AllowedUrlPrefixes"),
        ("404", "no such layer, asset, TileMatrixSet or tile"),
        ("422", "the dataset cannot be read, or (on /cog and /stac) a parameter fails validation"),
        ("424", "an upstream (remote COG or STAC API) failed"),
        ("504", "an upstream did not answer in time"),
    ];

    public static void Configure(OpenApiOptions options) => options.AddOperationTransformer((operation, context, _) =>
    {
        var path = "/" + (context.Description.RelativePath ?? "");
        var services = context.ApplicationServices;
        foreach (var parameter in ParametersOf(path))
            Add(operation, parameter, services, required: parameter == Url);
        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is OpenApiParameter { In: ParameterLocation.Path } p && PathValues(p.Name ?? "", path, services) is { } values)
                p.Schema = Schema(Kind.String, values);
        }
        if (IsRest(path))
            AddProblems(operation);
        return Task.CompletedTask;
    });

    private static IEnumerable<Parameter> ParametersOf(string path)
    {
        var tiler = path.StartsWith("/cog/", StringComparison.Ordinal) || path.StartsWith("/stac/", StringComparison.Ordinal);
        if (path.StartsWith("/layers/", StringComparison.Ordinal) && path.Contains("/tiles/", StringComparison.Ordinal))
            return [Style, .. Dataset, .. Render];
        if (path.StartsWith("/layers/", StringComparison.Ordinal) && path.Contains("/point/", StringComparison.Ordinal))
            return [Style, .. Dataset];
        if (!tiler)
            return [];
        var stac = path.StartsWith("/stac/", StringComparison.Ordinal) ? Stac : [];
        if (path.EndsWith("/assets", StringComparison.Ordinal) || path.EndsWith("/info", StringComparison.Ordinal))
            return [Url, .. stac];
        if (path.Contains("/timeseries", StringComparison.Ordinal))
            return [Url, .. stac, .. Dataset, .. Image, .. Statistics, .. Series];
        if (path.Contains("/statistics", StringComparison.Ordinal))
            return [Url, .. stac, .. Dataset, .. Image, .. Statistics];
        if (path.Contains("/point/", StringComparison.Ordinal))
            return [Url, .. stac, .. Dataset, CoordCrs];
        if (path.Contains("/tiles/", StringComparison.Ordinal) || path.EndsWith("tilejson.json", StringComparison.Ordinal)
            || path.EndsWith("WMTSCapabilities.xml", StringComparison.Ordinal) || path.EndsWith("map.html", StringComparison.Ordinal))
            return [Url, .. stac, .. Dataset, .. Render, .. Tile];
        if (path.Contains("/preview", StringComparison.Ordinal) || path.Contains("/bbox/", StringComparison.Ordinal) || path.Contains("/feature", StringComparison.Ordinal))
            return [Url, .. stac, .. Dataset, .. Render, .. Image];
        return [Url, .. stac];
    }

    private static bool IsRest(string path) =>
        !path.StartsWith("/wmts", StringComparison.Ordinal) && !path.StartsWith("/wms", StringComparison.Ordinal);

    private static void Add(OpenApiOperation operation, Parameter parameter, IServiceProvider services, bool required)
    {
        operation.Parameters ??= [];
        if (operation.Parameters.Any(p => p.Name == parameter.Name))
            return;
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = parameter.Name,
            In = ParameterLocation.Query,
            Required = required,
            Description = parameter.Description,
            Schema = Schema(parameter.Type, parameter.Enum?.Invoke(services)),
            Example = parameter.Example is { } example ? ExampleValue(parameter.Type, example) : null,
        });
    }

    private static JsonNode ExampleValue(Kind kind, string value) => kind switch
    {
        Kind.Integer => JsonValue.Create(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)),
        Kind.Number => JsonValue.Create(double.Parse(value, System.Globalization.CultureInfo.InvariantCulture)),
        Kind.Boolean => JsonValue.Create(bool.Parse(value)),
        _ => JsonValue.Create(value),
    };

    private static OpenApiSchema Schema(Kind kind, IEnumerable<string>? values) => new()
    {
        Type = kind switch
        {
            Kind.Integer => JsonSchemaType.Integer,
            Kind.Number => JsonSchemaType.Number,
            Kind.Boolean => JsonSchemaType.Boolean,
            _ => JsonSchemaType.String,
        },
        Enum = values?.Order(StringComparer.Ordinal).Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
    };

    private static void AddProblems(OpenApiOperation operation)
    {
        operation.Responses ??= [];
        foreach (var (status, description) in Problems)
        {
            operation.Responses.TryAdd(status, new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() },
            });
        }
    }

    private static IEnumerable<string> ColormapNames(IServiceProvider services) =>
        services.GetRequiredService<PluginCatalog>().Colormaps?.Names ?? [];
}
