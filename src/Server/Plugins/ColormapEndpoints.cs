using OgcTiler.Abstractions.Rendering;

namespace OgcTiler.Server.Plugins;

/// <summary>TiTiler's /colorMaps: the names, one table as JSON, or its legend as PNG.</summary>
internal static class ColormapEndpoints
{
    public static IResult List(IPluginCatalog catalog) =>
        Results.Json(new { colorMaps = catalog.Colormaps?.Names.Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>() });

    public static IResult Get(string name, string? format, IPluginCatalog catalog)
    {
        if (catalog.Colormaps is not { } provider)
            return Results.Problem(statusCode: 404, detail: $"colormap '{name}': the Colormaps plugin is not loaded");
        if (!provider.TryGet(name, out var colormap))
            return Results.Problem(statusCode: 404, detail: $"colormap '{name}' does not exist; GET /colorMaps lists the names");
        return format switch
        {
            null or "" or "json" => Results.Json(Table(colormap)),
            "png" => Results.Bytes(LegendImage.Encode(colormap), "image/png"),
            _ => Results.Problem(statusCode: 400, detail: $"format '{format}' is not supported; use json or png"),
        };
    }

    /// <summary>TiTiler's shape: "0".."255" (or each class value) to [r, g, b, a].</summary>
    private static Dictionary<string, int[]> Table(IColormap colormap)
    {
        var table = new Dictionary<string, int[]>(colormap.Entries.Count);
        for (var i = 0; i < colormap.Entries.Count; i++)
        {
            var e = colormap.Entries[i];
            table[e.Min.ToString(System.Globalization.CultureInfo.InvariantCulture)] = [e.R, e.G, e.B, e.A];
        }
        return table;
    }
}
