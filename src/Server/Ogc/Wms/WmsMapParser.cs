using System.Globalization;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Layers.Time;
using OgcTiler.Server.Ogc.Common;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Ogc.Wms;

/// <summary>Parses the GetMap parameters (LAYERS, STYLES, CRS/SRS, BBOX, WIDTH, HEIGHT, FORMAT, TRANSPARENT, BGCOLOR, TIME).</summary>
internal sealed class WmsMapParser(OgcLayers layers, CrsRegistry crs, OgcOptions options, LayerTimes times)
{
    public const uint White = 0xFFFFFF;

    /// <param name="requireFormat">GetMap needs FORMAT; GetFeatureInfo does not use it.</param>
    public async Task<WmsMapRequest> ParseAsync(OgcKvp kvp, WmsVersion version, bool requireFormat, CancellationToken cancellationToken)
    {
        WmsExceptions.ParseMode(kvp.Get("exceptions"));
        var mapLayers = await ParseLayersAsync(kvp, cancellationToken);
        var grid = ParseGrid(kvp, version);
        var format = requireFormat ? ParseFormat(kvp.Require("format")) : ImageFormat.Png;
        if (!TryParseBool(kvp.Get("transparent"), out var transparent))
            throw OgcException.Invalid("transparent", $"TRANSPARENT must be TRUE or FALSE, got '{kvp.Get("transparent")}'");
        if (!TryParseColor(kvp.Get("bgcolor"), out var background))
            throw OgcException.Invalid("bgcolor", $"BGCOLOR must be 0xRRGGBB, got '{kvp.Get("bgcolor")}'");
        return new WmsMapRequest(version, mapLayers, grid, format, transparent, background);
    }

    private async Task<IReadOnlyList<WmsMapLayer>> ParseLayersAsync(OgcKvp kvp, CancellationToken cancellationToken)
    {
        var names = kvp.Require("layers").Split(',');
        var styles = kvp.Get("styles") is { Length: > 0 } s ? s.Split(',') : new string[names.Length];
        if (styles.Length != names.Length)
            throw new OgcException(OgcCodes.StyleNotDefined, "styles", $"STYLES has {styles.Length} entries for {names.Length} layers (give one per layer, or none)");
        var result = new List<WmsMapLayer>(names.Length);
        for (var i = 0; i < names.Length; i++)
        {
            var layer = await layers.FindAsync(names[i], cancellationToken)
                ?? throw new OgcException(OgcCodes.LayerNotDefined, "layers", $"layer '{names[i]}' is not defined");
            var style = layer.FindStyle(styles[i])
                ?? throw new OgcException(OgcCodes.StyleNotDefined, "styles", $"layer '{layer.Id}' has no style '{styles[i]}' (styles: {string.Join(", ", layer.StyleNames)})");
            var (timed, selection) = OgcTime.Select(layer, kvp.Get("time"), times.Now, OgcTime.Wms);
            result.Add(new WmsMapLayer(timed, string.IsNullOrEmpty(styles[i]) ? OgcLayer.DefaultStyle : styles[i], style, selection));
        }
        return result;
    }

    private TargetGrid ParseGrid(OgcKvp kvp, WmsVersion version)
    {
        var code = kvp.Require(version.CrsParameter);
        if (!crs.TryResolve(code, out var definition))
            throw new OgcException(version.InvalidCrsCode, version.CrsParameter, $"{version.CrsParameter.ToUpperInvariant()} '{code}' is not supported");
        var box = ParseBox(kvp.Require("bbox"));
        // WMS 1.3.0 gives BBOX in the CRS's axis order (lat,lon for EPSG:4326); 1.1.1 always in x,y.
        if (version.Is130 && definition.NorthingFirst)
            box = new Bounds(box.MinY, box.MinX, box.MaxY, box.MaxX);
        var width = ParseSize(kvp, "width", options.MaxWidth);
        var height = ParseSize(kvp, "height", options.MaxHeight);
        return new TargetGrid(definition.Id, box.MinX, box.MinY, box.MaxX, box.MaxY, width, height);
    }

    private static Bounds ParseBox(string text)
    {
        var parts = text.Split(',');
        var values = new double[4];
        if (parts.Length != 4 || !parts.Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) && double.IsFinite(values[i])).All(ok => ok))
            throw OgcException.Invalid("bbox", $"BBOX must be four numbers minx,miny,maxx,maxy, got '{text}'");
        if (values[0] >= values[2] || values[1] >= values[3])
            throw OgcException.Invalid("bbox", $"BBOX '{text}' is empty: each minimum must be below its maximum");
        return new Bounds(values[0], values[1], values[2], values[3]);
    }

    private static int ParseSize(OgcKvp kvp, string name, int max)
    {
        var value = kvp.RequireInt(name);
        return value >= 1 && value <= max
            ? value
            : throw OgcException.Invalid(name, $"{name.ToUpperInvariant()} must be 1..{max}, got {value}");
    }

    public static ImageFormat ParseFormat(string value) =>
        OgcFormats.FindImage(value)
        ?? throw new OgcException(OgcCodes.InvalidFormat, "format", $"FORMAT '{value}' is not supported (valid: {OgcFormats.ImageNames})");

    public static bool TryParseBool(string? value, out bool result)
    {
        result = false;
        if (string.IsNullOrEmpty(value))
            return true;
        return bool.TryParse(value, out result);
    }

    public static bool TryParseColor(string? value, out uint color)
    {
        color = White;
        if (string.IsNullOrEmpty(value))
            return true;
        var hex = value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? value[2..] : value.TrimStart('#');
        return hex.Length == 6 && uint.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out color);
    }
}
