using System.Globalization;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Rendering;
using OgcTiler.Server.Plugins;
using OgcTiler.Server.Rendering.Encoders;

namespace OgcTiler.Server.ColorMaps;

/// <summary>TiTiler's /colorMaps: the names, one table as JSON, or its legend as an image.</summary>
internal static class ColormapEndpoints
{
    /// <summary>TiTiler 2.x's ColorMapList: <c>{"colormaps": [{"id", "links": [item]}]}</c>.</summary>
    public static IResult List(HttpRequest request, IPluginCatalog catalog) =>
        Results.Json(new
        {
            colormaps = (catalog.Colormaps?.Names.Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>()).Select(name => new
            {
                id = name,
                links = new[]
                {
                    new { href = $"{request.Scheme}://{request.Host}{request.PathBase}/colorMaps/{Uri.EscapeDataString(name)}", rel = "item", type = "application/json", title = $"Definition of {name} ColorMap" },
                },
            }),
        });

    /// <param name="f">TiTiler's name of the output format; <paramref name="format"/> is accepted too.</param>
    public static IResult Get(
        string name, string? f, string? format, string? orientation, string? width, string? height, IPluginCatalog catalog, ImageEncoders encoders)
    {
        var colormap = Find(name, catalog);
        if (LegendOptions.Parse(f ?? format, orientation, width, height) is not { } legend)
            return Results.Json(Table(colormap));
        using var image = LegendImage.Render(colormap, legend);
        return Results.Bytes(encoders.Get(legend.Format).Encode(image), legend.Format.ContentType);
    }

    private static IColormap Find(string name, IPluginCatalog catalog)
    {
        if (catalog.Colormaps is not { } provider)
            throw new ResourceNotFoundException($"colormap '{name}': the Colormaps plugin is not loaded");
        return provider.TryGet(name, out var colormap)
            ? colormap
            : throw new ResourceNotFoundException($"colormap '{name}' does not exist; GET /colorMaps lists the names");
    }

    /// <summary>TiTiler's shape: "0".."255" (or each class value) to [r, g, b, a].</summary>
    private static Dictionary<string, int[]> Table(IColormap colormap)
    {
        var table = new Dictionary<string, int[]>(colormap.Entries.Count);
        foreach (var e in colormap.Entries)
            table[e.Min.ToString(CultureInfo.InvariantCulture)] = [e.R, e.G, e.B, e.A];
        return table;
    }
}
