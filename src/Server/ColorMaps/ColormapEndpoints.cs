using System.Globalization;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Rendering;
using OgcTiler.Server.Api.Titiler;
using OgcTiler.Server.Plugins;
using OgcTiler.Server.Rendering;
using OgcTiler.Server.Rendering.Encoders;

namespace OgcTiler.Server.ColorMaps;

/// <summary>TiTiler's /colorMaps: the names, one table as JSON, its legend as an image, or HTML pages of them.</summary>
internal static class ColormapEndpoints
{
    /// <summary>
    /// TiTiler 2.x's ColorMapList: <c>{"colormaps": [{"id", "links": [item]}]}</c>, or its HTML page (<c>f=html</c> or
    /// an Accept header asking for text/html) listing the names with links to their pages.
    /// </summary>
    public static IResult List(HttpRequest request, string? f, IPluginCatalog catalog)
    {
        var names = (catalog.Colormaps?.Names.Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>()).ToList();
        if (HtmlForms.Wanted(request, f))
            return HtmlForms.Page(request, "ColorMaps", "<p>This API implements ColorMaps that are listed below.</p><ul>" +
                string.Concat(names.Select(name => $"<li><a href=\"{HtmlForms.Escape(ItemUrl(request, name))}?f=html\">{HtmlForms.Escape(name)}</a></li>")) + "</ul>");
        return Results.Json(new
        {
            colormaps = names.Select(name => new
            {
                id = name,
                links = new[] { new { href = ItemUrl(request, name), rel = "item", type = "application/json", title = $"Definition of {name} ColorMap" } },
            }),
        });
    }

    /// <summary>
    /// The table as JSON, its legend as an image (<c>f</c>, TiTiler's name of the output format, or <paramref name="format"/>),
    /// or the HTML page of its vertical legend as TiTiler 2.x's (<c>f=html</c>, or an Accept header asking for
    /// text/html when no format is given).
    /// </summary>
    public static IResult Get(
        string name, HttpRequest request, string? f, string? format, string? orientation, string? width, string? height, IPluginCatalog catalog, ImageEncoders encoders)
    {
        var colormap = Find(name, catalog);
        var output = f ?? format;
        if (output is "html" || (output is null && HtmlForms.Wanted(request, null)))
        {
            using var legend = LegendImage.Render(colormap, new LegendOptions(ImageFormat.Png, true, LegendOptions.Thickness, LegendOptions.Length));
            var png = Convert.ToBase64String(encoders.Get(ImageFormat.Png).Encode(legend));
            return HtmlForms.Page(request, name, $"<img height=\"600\" src=\"data:image/png;base64,{png}\" alt=\"{HtmlForms.Escape(name)}\">");
        }
        if (LegendOptions.Parse(output, orientation, width, height) is not { } options)
            return Results.Json(Table(colormap));
        using var image = LegendImage.Render(colormap, options);
        return Results.Bytes(encoders.Get(options.Format).Encode(image), options.Format.ContentType);
    }

    private static string ItemUrl(HttpRequest request, string name) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}/colorMaps/{Uri.EscapeDataString(name)}";

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
