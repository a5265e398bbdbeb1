using OgcTiler.Abstractions.Raster;
using OgcTiler.Server.Layers.Time;
using OgcTiler.Server.Ogc.Common;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Ogc.Wms;

/// <summary>A layer of a GetMap with the render options of its style and, for a time-enabled layer, the time read.</summary>
internal sealed record WmsMapLayer(OgcLayer Layer, RenderOptions Options, TimeSelection? Time = null);

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
