using System.Globalization;
using System.Text;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Server.Layers.Time;
using OgcTiler.Server.Ogc.Common;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Ogc.Wms;

/// <summary>A layer of a GetMap with its style (named, "default" when not given), that style's render options and, for a time-enabled layer, the time read.</summary>
internal sealed record WmsMapLayer(OgcLayer Layer, string Style, RenderOptions Options, TimeSelection? Time = null);

/// <summary>A parsed GetMap (or the map part of a GetFeatureInfo). <see cref="Background"/> is 0xRRGGBB.</summary>
internal sealed record WmsMapRequest(
    WmsVersion Version,
    IReadOnlyList<WmsMapLayer> Layers,
    TargetGrid Grid,
    ImageFormat Format,
    bool Transparent,
    uint Background)
{
    /// <summary>The HTTP Warning to send when a nearest time stood in for the asked one.</summary>
    public string? Warning => OgcTime.NearestValueWarning(Layers.Select(l => l.Time));

    /// <summary>
    /// The tile cache key of the picture, from the parsed request: the case and order of the parameters, defaults left
    /// out or given, number spellings and the 1.1.1 or 1.3.0 axis order of BBOX make no other entry.
    /// </summary>
    public string CacheKey()
    {
        var key = new StringBuilder("wms|");
        foreach (var layer in Layers)
            key.Append(Uri.EscapeDataString(layer.Layer.Id)).Append(':').Append(Uri.EscapeDataString(layer.Style))
                .Append(':').Append(Uri.EscapeDataString(layer.Time?.Key ?? "")).Append(',');
        // + 0.0 turns -0 into 0, which "R" would spell apart.
        return key.Append(CultureInfo.InvariantCulture,
            $"|{Grid.Crs}|{Grid.MinX + 0.0:R},{Grid.MinY + 0.0:R},{Grid.MaxX + 0.0:R},{Grid.MaxY + 0.0:R}|{Grid.Width}x{Grid.Height}|{Format.Name}|{(Transparent ? "transparent" : "opaque")}|{Background:x6}").ToString();
    }
}

/// <summary>What an error response of a GetMap needs to know even when the rest of the request is bad.</summary>
internal sealed record WmsErrorContext(WmsVersion Version, WmsExceptionMode Mode, ImageFormat? Format, int Width, int Height, bool Transparent, uint Background)
{
    /// <summary>Reads the parameters leniently: anything unreadable falls back to an XML report.</summary>
    public static WmsErrorContext From(OgcKvp kvp, WmsVersion version)
    {
        WmsExceptionMode mode;
        try
        {
            mode = WmsExceptions.ParseMode(kvp.Get("exceptions"));
        }
        catch (OgcException)
        {
            mode = WmsExceptionMode.Xml;
        }
        var format = OgcFormats.FindImage(kvp.Get("format") ?? "");
        var width = int.TryParse(kvp.Get("width"), out var w) ? w : 0;
        var height = int.TryParse(kvp.Get("height"), out var h) ? h : 0;
        var transparent = WmsMapParser.TryParseBool(kvp.Get("transparent"), out var t) && t;
        var background = WmsMapParser.TryParseColor(kvp.Get("bgcolor"), out var c) ? c : WmsMapParser.White;
        return new WmsErrorContext(version, mode, format, width, height, transparent, background);
    }
}
